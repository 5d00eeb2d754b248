// Entry grid keys: Enter (or ↓) moves to the same cell one row down, ↑ one row up,
// like a spreadsheet; Tab keeps its normal meaning. Leaving a cell saves it (htmx "change").
document.addEventListener("keydown", function (event) {
  const cell = event.target;
  if (!cell.closest || !cell.closest(".entry-grid") || cell.tagName !== "INPUT" || cell.type === "checkbox") return;
  let step = 0;
  if (event.key === "Enter" || event.key === "ArrowDown") step = event.shiftKey ? -1 : 1;
  if (event.key === "ArrowUp") step = -1;
  if (!step) return;
  event.preventDefault();
  const row = cell.closest("tr");
  let next = step > 0 ? row.nextElementSibling : row.previousElementSibling;
  while (next && !next.querySelector("input[name='" + cell.name + "']:not([disabled])")) {
    next = step > 0 ? next.nextElementSibling : next.previousElementSibling;
  }
  if (next) {
    const target = next.querySelector("input[name='" + cell.name + "']");
    target.focus();
    target.select();
  } else {
    cell.blur();
  }
});

// A warning's confirmation tick survives a redraw of the row's state cell: typing the
// reason saves the row and redraws the cell, and a tick given meanwhile (or before)
// would otherwise be lost and have to be given twice.
document.addEventListener("htmx:beforeSwap", function (event) {
  const target = event.detail.target;
  if (!target || !target.classList || !target.classList.contains("cell-state")) return;
  const box = target.querySelector("input[name=confirmed]");
  target.dataset.confirmed = box && box.checked ? "1" : "";
});
document.addEventListener("htmx:afterSwap", function (event) {
  const target = event.detail.target;
  if (!target || !target.classList || !target.classList.contains("cell-state")) return;
  const box = target.querySelector("input[name=confirmed]");
  if (box && target.dataset.confirmed === "1") box.checked = true;
});
