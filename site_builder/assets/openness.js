/* openness: keyboard access to Material's menu and search buttons on narrow screens.
 *
 * Material draws them as <label for="__drawer|__search">, which a keyboard cannot reach or press.
 * This makes each a button: in the tab order, named, announcing whether it is open, and worked
 * with Enter or Space. No network, no dependencies. */
(function () {
  "use strict";
  var buttons = [
    { toggle: "__drawer", name: "Menu" },
    { toggle: "__search", name: "Search" }
  ];
  function setUp() {
    buttons.forEach(function (b) {
      var box = document.getElementById(b.toggle);
      var label = document.querySelector('.md-header label.md-header__button[for="' + b.toggle + '"]');
      if (!box || !label) return;
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      label.setAttribute("aria-label", b.name);
      var sync = function () { label.setAttribute("aria-expanded", box.checked ? "true" : "false"); };
      sync();
      box.addEventListener("change", sync);
      /* Listen on the window in the capture phase, before Material's own handlers (which click
       * a focused label on Enter, and would toggle it back), and stop the event there. */
      window.addEventListener("keydown", function (ev) {
        if (ev.target !== label || (ev.key !== "Enter" && ev.key !== " ")) return;
        ev.preventDefault();
        ev.stopImmediatePropagation();
        /* Material clicks a focused label on Enter itself if it sees the key first: set the state
         * we want once, whichever handler runs first, rather than toggling twice. */
        var wanted = !box.checked;
        setTimeout(function () {
          if (box.checked !== wanted) {
            box.checked = wanted;
            box.dispatchEvent(new Event("change", { bubbles: true }));
          }
          sync();
          if (wanted && b.toggle === "__drawer") {
            var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary [tabindex='0']");
            if (first) setTimeout(function () { first.focus(); }, 50);
          }
        }, 0);
      }, true);
    });
    /* Material opens the search overlay when the search box takes the focus and leaves it open
     * when the focus moves on, dimming whatever the keyboard user lands on next: close it. */
    document.addEventListener("focusin", function (ev) {
      var search = document.getElementById("__search");
      var t = ev.target;
      if (!search || !search.checked || !t || !t.closest) return;
      if (t.closest(".md-search") || t.matches('label[for="__search"]')) return;
      search.checked = false;
      search.dispatchEvent(new Event("change", { bubbles: true }));
    });
    /* Escape closes the menu and returns the focus to its button. */
    document.addEventListener("keydown", function (ev) {
      var drawer = document.getElementById("__drawer");
      if (ev.key === "Escape" && drawer && drawer.checked) {
        drawer.checked = false;
        drawer.dispatchEvent(new Event("change", { bubbles: true }));
        var label = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
        if (label) label.focus();
      }
    });
  }
  /* Tables: each is named by its caption or, failing that, by the heading above it; header cells
   * say which way they apply; and a table too wide for the screen scrolls inside its own box, which
   * the keyboard can reach and scroll and which says what it is. Material wraps tables after the
   * page loads. */
  function headingBefore(el) {
    for (var node = el; node && !(node.classList && node.classList.contains("md-typeset")); node = node.parentElement) {
      for (var prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) return prev;
      }
    }
    return null;
  }
  function tableName(table) {
    var caption = table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var heading = headingBefore(table);
    if (heading) {
      if (heading.id && !table.hasAttribute("aria-labelledby")) table.setAttribute("aria-labelledby", heading.id);
      return heading.textContent.trim();
    }
    return "";
  }
  function scrollableTables() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table"), function (table) {
      Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (th) {
        if (!th.hasAttribute("scope")) th.setAttribute("scope", "col");
      });
      var wrap = table.closest(".md-typeset__scrollwrap");
      if (!wrap) return;
      var name = tableName(table);
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (name ? name + " (table, scrolls sideways)" : "Table, scrolls sideways"));
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(scrollableTables, 0); });
  }
  window.addEventListener("load", scrollableTables);
  window.addEventListener("resize", scrollableTables);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
