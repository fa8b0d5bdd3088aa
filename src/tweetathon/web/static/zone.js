// Show an event's times in the visitor's own time zone: when the address names no ?zone=, ask the browser
// for its zone and load the page again with it (the form on the page overrides it; without JavaScript the
// organiser's zone is shown).
(function () {
  "use strict";
  var form = document.getElementById("zone-form");
  if (!form || !window.Intl) { return; }
  var params = new URLSearchParams(window.location.search);
  if (params.has("zone")) { return; }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === form.getAttribute("data-shown")) { return; }
  params.set("zone", zone);
  window.location.replace(window.location.pathname + "?" + params.toString() + window.location.hash);
}());
