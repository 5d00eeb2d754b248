"""SDMX exports: the data structure (DSD, codelists, concepts) as an SDMX-ML 2.1
structure message, and data as SDMX-ML 2.1 structure-specific data or SDMX-CSV 2.0
(docs/api.md).

Dimensions: INDICATOR, REF_AREA (org unit), VALUE_KIND (estimate, official,
revised), TIME_PERIOD. Attributes: UNIT_MEASURE (per series), OBS_STATUS and SOURCE
(per observation). SDMX ids allow no ".", so indicator 02.01 is 02_01.
"""

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime

from ktxh.engine.numbers import json_number

AGENCY = "KTXH"
DSD_ID = "KTXH_DSD"
VERSION = "1.0"
STRUCTURE_ID = f"{AGENCY}:{DSD_ID}({VERSION})"
DIMENSIONS = ("INDICATOR", "REF_AREA", "VALUE_KIND")  # then TIME_PERIOD
NS = {
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
    "str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
    "com": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
    "ss": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
DATA_NS = f"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={STRUCTURE_ID}:ObsLevelDim:TIME_PERIOD"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VALUE_KINDS = {"estimate": "Ước", "official": "Chính thức", "revised": "Điều chỉnh"}
OBS_STATUS = {"A": "Số liệu chính thức, đã công bố", "E": "Số ước tính",
              "P": "Tạm thời: báo cáo chưa được duyệt"}
CONCEPTS = {
    "INDICATOR": "Chỉ tiêu", "REF_AREA": "Đơn vị hành chính", "VALUE_KIND": "Loại số liệu",
    "TIME_PERIOD": "Kỳ", "OBS_VALUE": "Giá trị", "UNIT_MEASURE": "Đơn vị tính",
    "OBS_STATUS": "Trạng thái số liệu", "SOURCE": "Nguồn",
}

for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def sdmx_id(code: str) -> str:
    return code.replace(".", "_")


def code_of(sdmx_code: str) -> str:
    return sdmx_code.replace("_", ".")


@dataclass(frozen=True)
class Obs:
    indicator: str     # our codes
    unit: str
    kind: str
    time_period: str   # SDMX notation (engine.periods.period_to_sdmx)
    value: object      # Decimal
    unit_measure: str
    status: str        # A, E or P
    source: str


@dataclass(frozen=True)
class CodeItem:
    code: str
    name: str
    parent: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _header(root: ET.Element, message_id: str, prepared: datetime | None) -> ET.Element:
    header = ET.SubElement(root, _q("mes", "Header"))
    ET.SubElement(header, _q("mes", "ID")).text = message_id
    ET.SubElement(header, _q("mes", "Test")).text = "false"
    ET.SubElement(header, _q("mes", "Prepared")).text = (prepared or datetime.now(UTC)).strftime(
        "%Y-%m-%dT%H:%M:%S")
    ET.SubElement(header, _q("mes", "Sender"), id=AGENCY)
    return header


def _name(parent: ET.Element, text: str, prefix: str = "com") -> None:
    ET.SubElement(parent, _q(prefix, "Name"), {XML_LANG: "vi"}).text = text


def _ref(parent: ET.Element, tag: str, **attrs) -> None:
    ET.SubElement(ET.SubElement(parent, _q("str", tag)), "Ref", attrs)


def _codelist(parent: ET.Element, cl_id: str, name: str, items: list[CodeItem]) -> None:
    codelist = ET.SubElement(parent, _q("str", "Codelist"), id=cl_id, agencyID=AGENCY, version=VERSION)
    _name(codelist, name)
    for item in items:
        code = ET.SubElement(codelist, _q("str", "Code"), id=sdmx_id(item.code))
        annotations = [("VALID_FROM", item.valid_from), ("VALID_TO", item.valid_to)]
        if any(v for _, v in annotations):
            box = ET.SubElement(code, _q("com", "Annotations"))
            for kind, value in annotations:
                if value:
                    annotation = ET.SubElement(box, _q("com", "Annotation"))
                    ET.SubElement(annotation, _q("com", "AnnotationTitle")).text = value
                    ET.SubElement(annotation, _q("com", "AnnotationType")).text = kind
        _name(code, item.name)
        if item.parent:
            ET.SubElement(ET.SubElement(code, _q("str", "Parent")), "Ref", id=sdmx_id(item.parent))


def structure_xml(*, indicators: list[CodeItem], units: list[CodeItem], prepared: datetime | None = None) -> bytes:
    """The SDMX-ML 2.1 structure message: codelists, concept scheme and the DSD."""
    root = ET.Element(_q("mes", "Structure"))
    _header(root, "KTXH_STRUCTURE", prepared)
    structures = ET.SubElement(root, _q("mes", "Structures"))
    codelists = ET.SubElement(structures, _q("str", "Codelists"))
    _codelist(codelists, "CL_INDICATOR", "Chỉ tiêu phát triển kinh tế - xã hội", indicators)
    _codelist(codelists, "CL_AREA", "Đơn vị hành chính (mọi thời kỳ hiệu lực)", units)
    _codelist(codelists, "CL_VALUE_KIND", "Loại số liệu", [CodeItem(k, v) for k, v in VALUE_KINDS.items()])
    _codelist(codelists, "CL_OBS_STATUS", "Trạng thái số liệu", [CodeItem(k, v) for k, v in OBS_STATUS.items()])
    schemes = ET.SubElement(structures, _q("str", "Concepts"))
    scheme = ET.SubElement(schemes, _q("str", "ConceptScheme"), id="CS_KTXH", agencyID=AGENCY, version=VERSION)
    _name(scheme, "Khái niệm của ktxh")
    for concept_id, label in CONCEPTS.items():
        _name(ET.SubElement(scheme, _q("str", "Concept"), id=concept_id), label)

    dsds = ET.SubElement(structures, _q("str", "DataStructures"))
    dsd = ET.SubElement(dsds, _q("str", "DataStructure"), id=DSD_ID, agencyID=AGENCY, version=VERSION)
    _name(dsd, "Chỉ tiêu kinh tế - xã hội theo đơn vị, kỳ và loại số liệu")
    components = ET.SubElement(dsd, _q("str", "DataStructureComponents"))
    dims = ET.SubElement(components, _q("str", "DimensionList"), id="DimensionDescriptor")
    codelist_of = {"INDICATOR": "CL_INDICATOR", "REF_AREA": "CL_AREA", "VALUE_KIND": "CL_VALUE_KIND"}
    for position, dim_id in enumerate(DIMENSIONS, start=1):
        dim = ET.SubElement(dims, _q("str", "Dimension"), id=dim_id, position=str(position))
        _concept(dim, dim_id)
        _enumerated(dim, codelist_of[dim_id])
    time = ET.SubElement(dims, _q("str", "TimeDimension"), id="TIME_PERIOD", position=str(len(DIMENSIONS) + 1))
    _concept(time, "TIME_PERIOD")
    ET.SubElement(ET.SubElement(time, _q("str", "LocalRepresentation")), _q("str", "TextFormat"),
                  textType="ObservationalTimePeriod")
    attrs = ET.SubElement(components, _q("str", "AttributeList"), id="AttributeDescriptor")
    unit = ET.SubElement(attrs, _q("str", "Attribute"), id="UNIT_MEASURE", assignmentStatus="Mandatory")
    _concept(unit, "UNIT_MEASURE")
    ET.SubElement(ET.SubElement(unit, _q("str", "LocalRepresentation")), _q("str", "TextFormat"), textType="String")
    relation = ET.SubElement(unit, _q("str", "AttributeRelationship"))
    for dim_id in DIMENSIONS:
        ET.SubElement(ET.SubElement(relation, _q("str", "Dimension")), "Ref", id=dim_id)
    for attr_id, coded in (("OBS_STATUS", "CL_OBS_STATUS"), ("SOURCE", None)):
        attr = ET.SubElement(attrs, _q("str", "Attribute"), id=attr_id,
                             assignmentStatus="Mandatory" if coded else "Conditional")
        _concept(attr, attr_id)
        if coded:
            _enumerated(attr, coded)
        else:
            ET.SubElement(ET.SubElement(attr, _q("str", "LocalRepresentation")), _q("str", "TextFormat"),
                          textType="String")
        ET.SubElement(ET.SubElement(ET.SubElement(attr, _q("str", "AttributeRelationship")),
                                    _q("str", "PrimaryMeasure")), "Ref", id="OBS_VALUE")
    measures = ET.SubElement(components, _q("str", "MeasureList"), id="MeasureDescriptor")
    measure = ET.SubElement(measures, _q("str", "PrimaryMeasure"), id="OBS_VALUE")
    _concept(measure, "OBS_VALUE")
    ET.SubElement(ET.SubElement(measure, _q("str", "LocalRepresentation")), _q("str", "TextFormat"),
                  textType="Decimal")
    return _bytes(root)


def _concept(parent: ET.Element, concept_id: str) -> None:
    ET.SubElement(ET.SubElement(parent, _q("str", "ConceptIdentity")), "Ref", id=concept_id,
                  maintainableParentID="CS_KTXH", maintainableParentVersion=VERSION, agencyID=AGENCY,
                  **{"class": "Concept", "package": "conceptscheme"})


def _enumerated(parent: ET.Element, codelist_id: str) -> None:
    local = ET.SubElement(parent, _q("str", "LocalRepresentation"))
    ET.SubElement(ET.SubElement(local, _q("str", "Enumeration")), "Ref", id=codelist_id, version=VERSION,
                  agencyID=AGENCY, **{"class": "Codelist", "package": "codelist"})


def _series(observations: list[Obs]) -> dict[tuple, list[Obs]]:
    series: dict[tuple, list[Obs]] = {}
    for obs in observations:
        series.setdefault((obs.indicator, obs.unit, obs.kind, obs.unit_measure), []).append(obs)
    return series


def data_xml(observations: list[Obs], *, prepared: datetime | None = None) -> bytes:
    """SDMX-ML 2.1 structure-specific data, one series per indicator, unit and kind."""
    root = ET.Element(_q("mes", "StructureSpecificData"))
    header = _header(root, "KTXH_DATA", prepared)
    structure = ET.SubElement(header, _q("mes", "Structure"), structureID=DSD_ID, namespace=DATA_NS,
                              dimensionAtObservation="TIME_PERIOD")
    ET.SubElement(ET.SubElement(structure, _q("com", "Structure")), "Ref", agencyID=AGENCY, id=DSD_ID,
                  version=VERSION)
    dataset = ET.SubElement(root, _q("mes", "DataSet"), {
        _q("ss", "structureRef"): DSD_ID, _q("xsi", "type"): "ns1:DataSetType",
        _q("ss", "dataScope"): "DataStructure", "action": "Replace"})
    # the prefix used in xsi:type must be declared even though no element uses it
    root.set("xmlns:ns1", DATA_NS)
    for (indicator, unit, kind, unit_measure), items in _series(observations).items():
        series = ET.SubElement(dataset, "Series", INDICATOR=sdmx_id(indicator), REF_AREA=sdmx_id(unit),
                               VALUE_KIND=kind, UNIT_MEASURE=unit_measure)
        for obs in items:
            attrs = {"TIME_PERIOD": obs.time_period, "OBS_VALUE": json_number(obs.value), "OBS_STATUS": obs.status}
            if obs.source:
                attrs["SOURCE"] = obs.source
            ET.SubElement(series, "Obs", attrs)
    return _bytes(root)


def data_csv(observations: list[Obs]) -> str:
    """SDMX-CSV 2.0: STRUCTURE, STRUCTURE_ID, ACTION, the dimensions, the measure, the attributes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["STRUCTURE", "STRUCTURE_ID", "ACTION", *DIMENSIONS, "TIME_PERIOD", "OBS_VALUE",
                     "UNIT_MEASURE", "OBS_STATUS", "SOURCE"])
    for obs in observations:
        writer.writerow(["datastructure", STRUCTURE_ID, "I", sdmx_id(obs.indicator), sdmx_id(obs.unit), obs.kind,
                         obs.time_period, json_number(obs.value), obs.unit_measure, obs.status, obs.source])
    return out.getvalue()


def _bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
