// The live-feed composer: while the post is typed, ask the server's checker (POST .../feed/check) and show
// the text with each finding highlighted, the findings with their reasons, and the length on each platform.
// Text is put in the page as text nodes only (never as HTML). Ctrl+Enter (or Cmd+Enter) saves the draft.
(function () {
  "use strict";
  var form = document.getElementById("compose");
  if (!form) { return; }
  var body = document.getElementById("body");
  var preview = document.getElementById("preview");
  var list = document.getElementById("findings");
  var lengths = document.getElementById("lengths");
  var timer = null;
  var asked = 0;

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function show(text, answer) {
    clear(preview);
    clear(list);
    var at = 0;
    answer.findings.forEach(function (f) {
      if (f.start < at) { return; }
      preview.appendChild(document.createTextNode(text.slice(at, f.start)));
      var mark = document.createElement("mark");
      mark.className = "pii";
      mark.title = f.type + ": " + f.reason;
      mark.textContent = text.slice(f.start, f.end);
      preview.appendChild(mark);
      at = f.end;
      var item = document.createElement("li");
      item.textContent = f.type + " \u201c" + f.text + "\u201d: " + f.reason;
      list.appendChild(item);
    });
    preview.appendChild(document.createTextNode(text.slice(at)));
    lengths.textContent = answer.lengths.map(function (l) {
      return l.platform + " " + l.length + "/" + l.limit + (l.fits ? "" : " (too long)");
    }).join(" \u00b7 ");
  }

  function check() {
    var text = body.value.trim();
    var mine = ++asked;
    fetch(form.getAttribute("data-check"), {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": form.getAttribute("data-csrf")},
      body: JSON.stringify({text: text}),
      credentials: "same-origin"
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (answer) {
      if (answer && mine === asked) { show(text, answer); }
    });
  }

  body.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(check, 200);
  });
  body.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
}());
