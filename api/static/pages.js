// The reader's pages work without this file. It adds, where JavaScript runs:
// - a claim's card beside its mark on hover or focus (Enter pins it, Esc closes it),
//   with a restatement's marks and the speaker's mention lit together;
// - copy-citation: the API's citation text goes to the clipboard;
// - review shortcuts: j/k next and previous, a accept, r reject, e correct.
"use strict";

(function () {
  var live = document.getElementById("live");

  function say(message) {
    if (live) { live.textContent = ""; live.textContent = message; }
  }

  // --- copy-citation ---------------------------------------------------------

  function citationText(url) {
    return fetch(url, { headers: { Accept: "text/plain, application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.text();
    });
  }

  function copyCitation(link) {
    var url = link.getAttribute("href");
    var text = citationText(url);
    var done;
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
      // The item is made inside the click, its text arrives later (Safari needs this).
      var blob = text.then(function (t) { return new Blob([t], { type: "text/plain" }); });
      done = navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
    } else if (navigator.clipboard) {
      done = text.then(function (t) { return navigator.clipboard.writeText(t); });
    } else {
      return false;
    }
    done.then(function () {
      link.classList.add("copied");
      link.setAttribute("data-copied", "");
      say("인용을 복사했습니다: " + link.textContent.trim());
      setTimeout(function () { link.classList.remove("copied"); }, 2000);
    }, function () {
      window.location.href = url; // no clipboard: show the citation instead
    });
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-copy]");
    if (link && copyCitation(link)) { event.preventDefault(); }
  });

  // --- cards on the document page ------------------------------------------

  var text = document.getElementById("text");
  if (text) { setUpCards(text); }

  function setUpCards(container) {
    var popover = document.createElement("div");
    popover.className = "popover";
    popover.id = "popover";
    popover.hidden = true;
    document.body.appendChild(popover);
    var shownFor = null;
    var pinned = false;
    var hideTimer = null;

    function claimOf(mark) {
      return mark.getAttribute("data-claim-id") || mark.getAttribute("data-claim-part");
    }

    function marksOf(claim) {
      return container.querySelectorAll(
        'mark[data-claim-id="' + claim + '"], mark[data-claim-part="' + claim + '"]');
    }

    function light(mark, on) {
      var claim = claimOf(mark);
      marksOf(claim).forEach(function (m) { m.classList.toggle("active", on); });
      var group = mark.getAttribute("data-group");
      if (group) {
        container.querySelectorAll('mark[data-group="' + group + '"]').forEach(function (m) {
          m.classList.toggle("group-active", on);
        });
      }
      container.querySelectorAll("a.mention").forEach(function (a) {
        if ((" " + a.getAttribute("data-claims") + " ").indexOf(" " + claim + " ") !== -1) {
          a.classList.toggle("active", on);
        }
      });
    }

    function show(mark) {
      clearTimeout(hideTimer);
      var claim = claimOf(mark);
      var card = document.getElementById("card-" + claim);
      if (!card) { return; }
      if (shownFor && shownFor !== mark) { light(shownFor, false); }
      var copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      copy.setAttribute("aria-label", card.querySelector("h3").textContent);
      copy.removeAttribute("aria-labelledby");
      var links = document.getElementById("cite-links");
      if (links) {
        // One set of copy-citation links serves every card: the claim's id goes in here.
        var cite = links.content.cloneNode(true);
        cite.querySelectorAll("a[data-copy]").forEach(function (a) {
          a.setAttribute("href", a.getAttribute("href").replace("%7Bid%7D", claim).replace("{id}", claim));
        });
        copy.insertBefore(cite, copy.querySelector(".where"));
      }
      popover.replaceChildren(copy);
      popover.setAttribute("data-claim", claim);
      popover.hidden = false;
      if (window.matchMedia("(max-width: 40rem)").matches) {
        // On a phone the card is a sheet over the page's lower part: keep the mark above it.
        var top = mark.getBoundingClientRect().top;
        if (top > window.innerHeight * 0.35) { window.scrollBy(0, top - window.innerHeight * 0.2); }
      }
      var box = mark.getBoundingClientRect();
      var width = popover.offsetWidth;
      var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
      popover.style.left = left + "px";
      popover.style.top = (box.bottom + window.scrollY + 6) + "px";
      shownFor = mark;
      light(mark, true);
    }

    function hide() {
      if (pinned) { return; }
      popover.hidden = true;
      if (shownFor) { light(shownFor, false); }
      shownFor = null;
    }

    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 250);
    }

    container.querySelectorAll("mark[title]").forEach(function (mark) {
      mark.removeAttribute("title"); // the card says it all; no second tooltip
    });

    container.addEventListener("mouseover", function (event) {
      var mark = event.target.closest("mark.claim");
      if (mark && !pinned) { show(mark); }
    });
    container.addEventListener("mouseout", function (event) {
      if (event.target.closest("mark.claim")) { hideSoon(); }
    });
    container.addEventListener("focusin", function (event) {
      var mark = event.target.closest("mark.claim");
      if (mark) { pinned = false; show(mark); }
    });
    container.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (!next || !popover.contains(next)) { pinned = false; hideSoon(); }
    });
    container.addEventListener("click", function (event) {
      var mark = event.target.closest("mark.claim");
      if (mark) { pinned = true; show(mark); }
    });
    container.addEventListener("keydown", function (event) {
      var mark = event.target.closest("mark.claim");
      if (mark && event.key === "Enter") {
        event.preventDefault();
        pinned = true;
        show(mark);
        var first = popover.querySelector("a");
        if (first) { first.focus(); }
      }
    });
    popover.addEventListener("mouseover", function () { clearTimeout(hideTimer); });
    popover.addEventListener("mouseout", function () { if (!pinned) { hideSoon(); } });
    popover.addEventListener("focusout", function (event) {
      if (!popover.contains(event.relatedTarget)) { pinned = false; hideSoon(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !popover.hidden) {
        var mark = shownFor;
        pinned = false;
        hide();
        if (mark) { mark.focus(); }
      }
    });
    document.addEventListener("click", function (event) {
      if (!popover.hidden && !popover.contains(event.target) && !event.target.closest("mark.claim")) {
        pinned = false;
        hide();
      }
    });
  }

  // --- review shortcuts ---------------------------------------------------------

  var candidates = Array.prototype.slice.call(document.querySelectorAll("article.candidate"));
  if (candidates.length && document.querySelector("article.candidate form")) {
    setUpReview(candidates);
  }

  function setUpReview(items) {
    function current() {
      var active = document.activeElement && document.activeElement.closest("article.candidate");
      return active || document.querySelector("article.candidate.current") || items[0];
    }

    function go(item) {
      items.forEach(function (i) { i.classList.toggle("current", i === item); });
      item.focus();
      item.scrollIntoView({ block: "nearest" });
    }

    var target = window.location.hash && document.querySelector(window.location.hash);
    go(target && target.matches("article.candidate") ? target : items[0]);

    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) { return; }
      var typing = event.target.closest("input, select, textarea");
      if (typing) {
        if (event.key === "Escape") { go(current()); }
        return;
      }
      var item = current();
      var index = items.indexOf(item);
      if (event.key === "j") {
        go(items[Math.min(index + 1, items.length - 1)]);
      } else if (event.key === "k") {
        go(items[Math.max(index - 1, 0)]);
      } else if (event.key === "a") {
        item.querySelector("form.accept").requestSubmit();
      } else if (event.key === "r") {
        item.querySelector("form.reject input[name=reason]").focus();
      } else if (event.key === "e") {
        var details = item.querySelector("details.correct");
        details.open = true;
        details.querySelector("input[name=value]").focus();
      } else {
        return;
      }
      event.preventDefault();
    });
  }
})();
