// The front desk's one script (issue 12): re-prices the new-quote form as the clerk types.
// It posts the form's fields, as the "Price" button would, to /quotes/new/figures (with the
// session cookie and the page's CSRF token) a moment after the last keystroke, and shows the
// answer: the figures the server rendered (escaped by its templates; parsed inertly, never
// run), or a refusal's reason beside the field it names, set as text. Without this script the
// form still works: "Price" posts it and the server answers the whole page.
(function () {
  "use strict";
  var form = document.getElementById("quote-form");
  var region = document.getElementById("figures");
  if (!form || !region || !window.fetch || !window.DOMParser || !window.URLSearchParams) { return; }
  // The fields a refusal is shown beside (QuoteForm.fieldNames); any other shows above the form.
  var fields = ["client", "location", "tier", "areas", "sessions", "spacing_weeks", "start_date", "addons", "promo"];
  var delay = 250, timer = null, latest = 0;

  function csrfToken() {
    var input = form.querySelector('input[name="csrf"]');
    return input ? input.value : "";
  }

  function clearMessages() {
    fields.forEach(function (name) {
      var old = document.getElementById(name + "-error");
      if (old) { old.remove(); }
    });
    var top = document.getElementById("form-error");
    if (top) { top.remove(); }
  }

  // The element a field's message goes at the end of: its paragraph, or the fieldset of its boxes.
  function besideField(name) {
    var input = document.getElementById(name);
    if (input && input.parentNode) { return input.parentNode; }
    var box = form.querySelector('input[name="' + name + '"]');
    return box ? box.closest("fieldset") : null;
  }

  // A refusal ({"field", "value", "reason"}) as the server shows it after a submit.
  function showRefusal(error) {
    var place = fields.indexOf(error.field) >= 0 ? besideField(error.field) : null;
    var message = document.createElement(place ? "span" : "p");
    message.className = "error";
    if (place) {
      message.id = error.field + "-error";
      message.textContent = (error.value ? "'" + error.value + "' " : "") + error.reason;
      place.append(" ", message);
    } else {
      message.id = "form-error";
      message.setAttribute("role", "alert");
      message.textContent = [error.field, error.value ? "'" + error.value + "'" : null, error.reason]
        .filter(function (part) { return part; }).join(" ");
      form.parentNode.insertBefore(message, form);
    }
  }

  // The server's rendered figures, parsed as an inert document and moved into the page.
  function showFigures(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var nodes = Array.prototype.slice.call(parsed.body.childNodes).map(function (node) {
      return document.importNode(node, true);
    });
    region.replaceChildren.apply(region, nodes);
  }

  function show(answer) {
    if (answer.status === 200 && !answer.redirected && answer.type.indexOf("text/html") === 0) {
      clearMessages();
      showFigures(answer.text);
    } else if (answer.status === 422 && answer.type.indexOf("application/json") === 0) {
      var body = JSON.parse(answer.text);
      clearMessages();
      region.replaceChildren();
      if (body && body.error) { showRefusal(body.error); }
    }
    // Anything else (signed out, a lost connection): the page stays; "Price" still works.
  }

  function price() {
    var mine = ++latest;
    fetch("/quotes/new/figures", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrfToken() },
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (response) {
      return response.text().then(function (text) {
        return { status: response.status, redirected: response.redirected,
                 type: response.headers.get("Content-Type") || "", text: text };
      });
    }).then(function (answer) {
      if (mine === latest) { show(answer); }  // an older answer never overwrites a newer one
    }).catch(function () {});
  }

  function schedule() {
    if (timer !== null) { clearTimeout(timer); }
    timer = setTimeout(function () { timer = null; price(); }, delay);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
}());
