// "Record a chain": add and remove hops, show the anonymous fields for anonymous sources,
// offer recorded sources and documents, and redraw the chain as it is typed.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var form = document.getElementById("chain-form");
    if (!form) return;
    var list = document.getElementById("hops");
    var template = document.getElementById("hop-template");
    var preview = document.getElementById("chain-preview");
    var next = list.querySelectorAll("[data-hop]").length;
    var known = {};  // source name (lower case) -> looked-up record

    function field(hop, name) { return hop.querySelector('[data-field="' + name + '"]'); }

    function renumber() {
      var hops = list.querySelectorAll("[data-hop]");
      hops.forEach(function (hop, index) {
        hop.querySelector("[data-hop-number]").textContent = String(index + 1);
        var last = index === hops.length - 1;
        hop.querySelector("[data-relation]").hidden = last;
        hop.querySelector("[data-remove-hop]").hidden = hops.length < 2;
        hop.classList.toggle("chain-hop-origin", last && hops.length > 1);
      });
    }

    function toggleAnonymous(hop) {
      hop.querySelector("[data-anonymous]").hidden = field(hop, "source_kind").value !== "anonymous";
    }

    function addHop(focus) {
      var html = template.innerHTML.replace(/__n__/g, String(next));
      next += 1;
      list.insertAdjacentHTML("beforeend", html);
      var hop = list.lastElementChild;
      renumber();
      if (focus) field(hop, "source_name").focus();
      return hop;
    }

    var timer = null;
    function schedulePreview() {
      clearTimeout(timer);
      timer = setTimeout(refreshPreview, 250);
    }
    var asked = 0;  // answers can arrive out of order: only the latest request's is shown
    function refreshPreview() {
      var mine = ++asked;
      fetch(form.dataset.previewUrl, {method: "POST", body: new FormData(form), credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null && mine === asked) preview.innerHTML = html; });
    }

    var lookups = {};
    function lookup(input, what, datalist) {
      var query = input.value.trim();
      if (query.length < 2) return;
      var url = form.dataset.lookupUrl + "?what=" + what + "&q=" + encodeURIComponent(query);
      if (lookups[url]) return fill(lookups[url]);
      fetch(url, {credentials: "same-origin"})
        .then(function (response) { return response.json(); })
        .then(function (data) { lookups[url] = data.results; fill(data.results); });
      function fill(results) {
        datalist.replaceChildren();
        results.forEach(function (item) {
          var option = document.createElement("option");
          if (what === "document") {
            option.value = item.url;
            option.label = item.title;
          } else {
            known[item.name.toLowerCase()] = item;
            option.value = item.name;
            option.label = item.kind_label + (item.aliases.length ? " · also " + item.aliases.join(", ") : "");
            item.aliases.forEach(function (alias) { known[alias.toLowerCase()] = item; });
          }
          datalist.appendChild(option);
        });
        if (what === "document") documentChosen(input.closest("[data-hop]"));
        else sourceChosen(input.closest("[data-hop]"));
      }
    }

    // A recorded source picked by name or alias brings its kind (and anonymous details).
    function sourceChosen(hop) {
      var item = known[field(hop, "source_name").value.trim().toLowerCase()];
      var state = field(hop, "source_state");
      if (!item) { state.textContent = ""; return; }
      field(hop, "source_kind").value = item.kind;
      if (item.kind === "anonymous") {
        if (!field(hop, "descriptor").value) field(hop, "descriptor").value = item.descriptor || "";
        if (!field(hop, "anonymous_count").value && item.anonymous_count) field(hop, "anonymous_count").value = item.anonymous_count;
      }
      state.textContent = "Recorded: " + item.name + " (" + item.kind_label + ")";
      toggleAnonymous(hop);
    }
    function documentChosen(hop) {
      var url = field(hop, "document_url").value.trim();
      var options = field(hop, "document_list").options;
      for (var i = 0; i < options.length; i++) {
        if (options[i].value === url && !field(hop, "document_title").value) {
          field(hop, "document_title").value = options[i].label;
        }
      }
    }

    list.addEventListener("input", function (event) {
      var hop = event.target.closest("[data-hop]");
      var name = event.target.dataset.field;
      if (name === "source_name") {
        lookup(event.target, "source", field(hop, "source_list"));
        sourceChosen(hop);
      } else if (name === "document_url") {
        lookup(event.target, "document", field(hop, "document_list"));
        documentChosen(hop);
      }
      schedulePreview();
    });
    list.addEventListener("change", function (event) {
      var hop = event.target.closest("[data-hop]");
      if (event.target.dataset.field === "source_kind") toggleAnonymous(hop);
      schedulePreview();
    });
    list.addEventListener("click", function (event) {
      if (!event.target.matches("[data-remove-hop]")) return;
      event.target.closest("[data-hop]").remove();
      renumber();
      schedulePreview();
    });
    document.getElementById("add-hop").addEventListener("click", function () {
      addHop(true);
      schedulePreview();
    });
    var claimText = document.getElementById("id_claim_text");
    if (claimText) claimText.addEventListener("input", schedulePreview);

    if (!list.querySelector("[data-hop]")) { addHop(false); addHop(false); }
    list.querySelectorAll("[data-hop]").forEach(toggleAnonymous);
    renumber();
  });
})();
