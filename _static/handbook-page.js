/* What a page does, in place of the themes' scripts (handbook/theme/unused_assets.py).
 * pydata-sphinx-theme's script (16 KB) and sphinx-book-theme's (3 KB) also fetch version
 * switchers and banners, sync Bootstrap menus and search as you type, none of which the site
 * has, and their class names kept 13 KB of theme CSS. This keeps their behaviour on the
 * themes' own markup: the menus as dialogs on narrow screens, the sidebar hidden on wide
 * ones, search on Ctrl+K, the contents that follow the reading, "Back to top" (which
 * Bootstrap's script showed), and scrollable tables that can be reached by keyboard.
 * Adapted from pydata-sphinx-theme 0.20.0 and sphinx-book-theme 1.4.0 (BSD-3-Clause). */
(() => {
  "use strict";
  const root = document.documentElement;
  const byId = (id) => document.getElementById(id);
  const debounce = (callback, wait) => {
    let timer;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(callback, wait);
    };
  };

  /* Dark mode "auto" follows the device while the page is open (the "Dark mode" button
   * sets light or dark: _templates/layout.html). */
  const prefersDark = matchMedia("(prefers-color-scheme: dark)");
  prefersDark.addEventListener("change", () => {
    if (root.dataset.mode === "auto") root.dataset.theme = prefersDark.matches ? "dark" : "light";
  });

  /* The menu and the contents. Below 992 px a button moves its sidebar into a modal dialog;
   * closing it (Close, Escape, a tap outside) moves it back and returns focus to the button.
 * A link to a section of the same page closes it too, so the reader sees the section.
   * On wider screens the menu button hides or shows the sidebar in place. */
  const moveAll = (from, to) => {
    to.append(...from.childNodes);
    for (const name of [...from.classList]) {
      from.classList.remove(name);
      to.classList.add(name);
    }
  };
  const wide = matchMedia("(min-width: 992px)");
  for (const [which, sidebarId, dialogId] of [
    ["primary", "pst-primary-sidebar", "pst-primary-sidebar-modal"],
    ["secondary", "pst-secondary-sidebar", "pst-secondary-sidebar-modal"],
  ]) {
    const sidebar = byId(sidebarId);
    const dialog = byId(dialogId);
    if (!sidebar || !dialog) continue;
    let opener = null;
    for (const button of document.querySelectorAll(`.${which}-toggle`)) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        if (which === "primary" && wide.matches) {
          sidebar.classList.toggle("pst-sidebar-hidden");
          return;
        }
        opener = button;
        moveAll(sidebar, dialog);
        dialog.showModal();
      });
    }
    dialog.addEventListener("click", (event) => {
      const link = event.target.closest("a");
      if (link?.hash && link.pathname === location.pathname) {
        opener = null; // a section of this page: the reader goes there, not back to the button
        dialog.close();
        return;
      }
      const box = dialog.getBoundingClientRect();
      const outside = event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
      if (dialog.open && outside && event.target === dialog) dialog.close();
    });
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        dialog.close();
      }
    });
    dialog.addEventListener("close", () => {
      moveAll(dialog, sidebar);
      opener?.focus();
      opener = null;
    });
  }

  /* The site navigation keeps its scroll position from page to page, or shows the current
   * page when it is below the middle of the screen. */
  const nav = document.querySelector("div.bd-sidebar");
  if (nav && document.querySelector(".bd-docs-nav")) {
    const kept = parseInt(sessionStorage.getItem("sidebar-scroll-top"), 10);
    const current = [...document.querySelectorAll(".bd-docs-nav .active")].pop();
    if (!Number.isNaN(kept)) nav.scrollTop = kept;
    else if (current && current.getBoundingClientRect().y > innerHeight / 2) {
      nav.scrollTop = current.getBoundingClientRect().y - nav.getBoundingClientRect().y - nav.clientHeight / 4;
    }
    addEventListener("beforeunload", () => sessionStorage.setItem("sidebar-scroll-top", String(nav.scrollTop)));
  }

  /* Search: the header's button, or Ctrl+K (⌘K on a Mac), opens the search dialog, or goes to
   * the search field when the page shows one. */
  const mac = /^(Mac|iPhone|iPad)/.test(navigator.platform);
  if (mac) document.querySelectorAll(".search-button__kbd-shortcut kbd").forEach((key) => (key.textContent = "⌘"));
  const searchDialog = byId("pst-search-dialog");
  const toggleSearch = () => {
    const input = document.querySelector(":not(#pst-search-dialog) > form.bd-search input") || searchDialog?.querySelector("input");
    if (!input) return;
    if (searchDialog?.contains(input)) {
      if (searchDialog.open) searchDialog.close();
      else searchDialog.showModal();
    } else if (document.activeElement === input) input.blur();
    else {
      input.focus();
      input.select();
      input.scrollIntoView({ block: "center" });
    }
  };
  document.querySelectorAll(".search-button__button").forEach((button) => button.addEventListener("click", toggleSearch));
  searchDialog?.addEventListener("click", (event) => event.target === searchDialog && searchDialog.close());
  addEventListener(
    "keydown",
    (event) => {
      const modifier = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
      if (modifier && !event.shiftKey && !event.altKey && /^k$/i.test(event.key)) {
        event.preventDefault();
        toggleSearch();
      }
    },
    true,
  );

  /* The page's contents mark the section being read (and the one a link leads to). */
  const contents = byId("pst-page-toc-nav");
  if (contents) {
    const links = [...contents.querySelectorAll("a")];
    const entries = [...contents.querySelectorAll(".toc-entry")];
    let paused = false;
    const activate = (link) => {
      for (const each of links) {
        each.classList.toggle("active", each === link);
        if (each === link) each.setAttribute("aria-current", "true");
        else each.removeAttribute("aria-current");
      }
      for (const entry of entries) entry.classList.toggle("active", entry.contains(link));
    };
    const follow = (hash) => {
      const link = hash.length > 1 && links.find((each) => each.hash === hash);
      if (!link) return;
      paused = true;
      setTimeout(() => (paused = false), 1000);
      activate(link);
    };
    const headings = new Map();
    for (const link of links) {
      const target = link.hash.length > 1 && byId(decodeURIComponent(link.hash.slice(1)));
      if (target) headings.set(target.querySelector("h1,h2,h3,h4,h5,h6") || target, link);
    }
    let observer;
    const observe = () => {
      observer?.disconnect();
      const header = byId("pst-header")?.getBoundingClientRect().height || 0;
      observer = new IntersectionObserver(
        (seen) => {
          const entry = seen.filter((each) => each.isIntersecting).pop();
          if (!paused && entry) activate(headings.get(entry.target));
        },
        { rootMargin: `-${header}px 0px -70% 0px` },
      );
      headings.forEach((_, heading) => observer.observe(heading));
    };
    follow(location.hash);
    addEventListener("hashchange", () => follow(location.hash));
    addEventListener("click", (event) => {
      const link = event.target.closest?.("a");
      if (link && link.hash === location.hash && link.origin === location.origin) follow(link.hash);
    });
    addEventListener("resize", debounce(observe, 300));
    observe();
  }

  /* The header's shadow once the page has scrolled. */
  const pixel = document.querySelector(".sbt-scroll-pixel-helper");
  if (pixel) {
    new IntersectionObserver(([entry]) => document.body.classList.toggle("scrolled", entry.boundingClientRect.y < 0)).observe(pixel);
  }

  /* "Back to top", shown while the reader scrolls back up a long page, below the header. It
   * takes the reader, and the keyboard's focus, to the top of the page. */
  const backToTop = byId("pst-back-to-top");
  const header = document.querySelector(".bd-header");
  if (backToTop && header) {
    const headerBottom = header.getBoundingClientRect().bottom;
    let last = scrollY;
    addEventListener(
      "scroll",
      () => {
        backToTop.style.display = scrollY < last && scrollY > headerBottom ? "block" : "none";
        last = scrollY;
      },
      { passive: true },
    );
    backToTop.addEventListener("click", () => {
      scrollTo(0, 0);
      byId("main-content")?.focus({ preventScroll: true });
    });
  }

  /* A table wider than the screen scrolls in its box, which a keyboard can then reach. */
  const tabStops = () => {
    for (const box of document.querySelectorAll(".pst-scrollable-table-container")) {
      box.tabIndex = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight ? 0 : -1;
    }
  };
  const whenLoaded = () => {
    tabStops();
    addEventListener("resize", debounce(tabStops, 300));
  };
  if (document.readyState === "complete") whenLoaded();
  else addEventListener("load", whenLoaded);
})();
