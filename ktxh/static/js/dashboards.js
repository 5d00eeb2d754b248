/* Draws the charts of the indicator page from the JSON the server computed
   (#chart-data). Nothing is calculated here: positions are the server's numbers,
   every label and tooltip is a text the server already formatted. */
(function () {
  "use strict";
  // Axis ticks are scale marks chosen by Chart.js, not figures; written the Vietnamese way.
  function tick(v) { return Number(v).toLocaleString("vi-VN"); }
  function draw() {
    var node = document.getElementById("chart-data");
    if (!node || typeof Chart === "undefined") { return; }
    var data = JSON.parse(node.textContent);
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.animation = false;
    var s = data.series, series = document.getElementById("series-chart");
    if (series && s.labels.length) {
      // one line per kind of period (the year, the first 6 months, ...), the plan dashed
      var colours = ["#1f5fa8", "#1e7b3a", "#8a5a00", "#6b21a8", "#0f766e"];
      var sets = s.lines.map(function (line, i) {
        var colour = colours[i % colours.length];
        return { label: line.label + " (" + data.unit + ")", data: line.values, borderColor: colour,
          backgroundColor: colour, spanGaps: true, pointRadius: 5,
          pointStyle: line.kinds.map(function (k) { return k === "Ước" ? "rectRot" : "circle"; }) };
      });
      sets.push({ label: "Kế hoạch cả năm", data: s.targets, borderColor: "#9b1c1c", borderDash: [6, 4], pointRadius: 3,
        spanGaps: true, backgroundColor: "#9b1c1c" });
      new Chart(series, {
        type: "line",
        data: { labels: s.labels, datasets: sets },
        options: { maintainAspectRatio: false, plugins: { tooltip: { callbacks: { label: function (ctx) {
          if (ctx.datasetIndex === s.lines.length) { return "Kế hoạch: " + s.targetTexts[ctx.dataIndex]; }
          var line = s.lines[ctx.datasetIndex];
          return line.label + ": " + line.texts[ctx.dataIndex] + (line.kinds[ctx.dataIndex] ? " (" + line.kinds[ctx.dataIndex] + ")" : "");
        } } } }, scales: { y: { ticks: { callback: tick }, title: { display: true, text: data.unit } } } }
      });
    }
    var c = data.communes, bars = document.getElementById("communes-chart");
    if (bars && c.labels.length) {
      new Chart(bars, {
        type: "bar",
        data: { labels: c.labels, datasets: [{ label: data.unit, data: c.values,
          backgroundColor: c.bad.map(function (b) { return b ? "#a42323" : "#1f5fa8"; }) }] },
        options: { indexAxis: "y", maintainAspectRatio: false, plugins: { legend: { display: false },
          tooltip: { callbacks: { label: function (ctx) { return c.valueTexts[ctx.dataIndex] + " " + data.unit; } } } },
          scales: { x: { ticks: { callback: tick } } } }
      });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
