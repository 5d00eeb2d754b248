"""The documents of the planning cycle that the evaluated figures feed (issue 19):
the Party committee's report (party.py), the multi-year plan (plan.py) and the draft
People's Council resolution with the UBND's covering submission (resolution.py).

Each builds one content dict (like ktxh/reports/content.py: every figure from the
evaluation table or the programme selectors, every sentence from reports/phrasing.py)
that its own docxtpl template (templates_docx/<kind>.docx) and the web preview read.
"""
