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
      new Chart(series, {
        type: "line",
        data: { labels: s.labels, datasets: [
          { label: "Thực hiện (" + data.unit + ")", data: s.values, borderColor: "#1f5fa8", backgroundColor: "#1f5fa8",
            spanGaps: true, pointRadius: 5,
            pointStyle: s.kinds.map(function (k) { return k === "Ước" ? "rectRot" : "circle"; }) },
          { label: "Kế hoạch", data: s.targets, borderColor: "#9b1c1c", borderDash: [6, 4], pointRadius: 3,
            spanGaps: true, backgroundColor: "#9b1c1c" }
        ] },
        options: { maintainAspectRatio: false, plugins: { tooltip: { callbacks: { label: function (ctx) {
          if (ctx.datasetIndex === 0) { return "Thực hiện: " + s.valueTexts[ctx.dataIndex] + (s.kinds[ctx.dataIndex] ? " (" + s.kinds[ctx.dataIndex] + ")" : ""); }
          return "Kế hoạch: " + s.targetTexts[ctx.dataIndex];
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
