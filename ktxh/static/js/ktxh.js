/* Behaviour shared by every page, kept out of the HTML so the Content-Security-Policy
   can forbid inline script: a <select data-autosubmit> submits its form when changed;
   the header menu's groups (<details class="menu-group">, usable without this file) say
   whether they are open (aria-expanded), one is open at a time, and Escape or a click
   elsewhere closes them. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches("select[data-autosubmit]") && el.form) { el.form.submit(); }
  });

  function groups() { return Array.prototype.slice.call(document.querySelectorAll("details.menu-group")); }
  function close(group) { group.open = false; }
  function mark(group) {
    var summary = group.querySelector("summary");
    if (summary) { summary.setAttribute("aria-expanded", group.open ? "true" : "false"); }
  }
  groups().forEach(function (group) {
    mark(group);
    group.addEventListener("toggle", function () {
      mark(group);
      if (group.open) { groups().forEach(function (other) { if (other !== group) { close(other); } }); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    groups().forEach(function (group) {
      if (!group.open) { return; }
      var hadFocus = group.contains(document.activeElement);
      close(group);
      if (hadFocus) { group.querySelector("summary").focus(); }
    });
  });
  document.addEventListener("click", function (event) {
    groups().forEach(function (group) { if (group.open && !group.contains(event.target)) { close(group); } });
  });
})();
