"""What Streamlit draws around the app, made right for a visitor: its words in French, no English menu, phone sidebar.

Streamlit has no setting for either, so a little CSS and one script are injected. Both target
Streamlit's stable `data-testid` attributes and are checked by the real-browser tests.
"""

from __future__ import annotations

import streamlit as st

# The file picker's own words are English and show Streamlit's global limit; the widget's label
# states ours in French, so the English words are replaced (hidden from screen readers too), not repeated.
CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after { content: "Parcourir"; }
[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "ou glissez-déposez vos fichiers ici"; font-size: 0.875rem;
}
.aict-heading { display: inline-block; margin-top: 0.25rem; }
/* The conversation's examples are read before they are clicked: their whole text wraps instead of ending in « … ». */
[class*="st-key-example-"] button * { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
/* An answer's own title (an article's headline, a fiche's name) and its paragraph headings are headings inside a
   chat message: on a phone Streamlit's page-title size made the title wrap over four lines. The headings stay
   smaller than the title. */
[data-testid="stChatMessage"] [data-testid="stMarkdownContainer"] h2 { font-size: 1.35rem; line-height: 1.3; }
[data-testid="stChatMessage"] [data-testid="stMarkdownContainer"] h3 { font-size: 1.15rem; line-height: 1.3; }
@media (max-width: 768px) {
  [data-testid="stChatMessage"] [data-testid="stMarkdownContainer"] h2 { font-size: 1.15rem; }
  [data-testid="stChatMessage"] [data-testid="stMarkdownContainer"] h3 { font-size: 1.05rem; }
}
/* The « ⋮ » menu offers Print, Record screen and « Made with Streamlit », in English, and nothing a visitor needs. */
[data-testid="stMainMenu"] { display: none; }
</style>
"""

# On a phone the sidebar covers the page without a backdrop, so a tap beside it reached the widget
# underneath (a hidden « + » changed a budget). Taps outside the open sidebar now only close it; and
# choosing a page or a conversation closes it, as Streamlit's own navigation does.
SCRIPT = r"""
<script>
(() => {
  if (window.__aictChrome) return;
  window.__aictChrome = true;
  const phone = () => window.matchMedia("(max-width: 768px)").matches;
  const sidebar = () => document.querySelector('[data-testid="stSidebar"]');
  const isOpen = () => { const s = sidebar(); return !!s && s.getAttribute("data-collapsed") === "false"; };
  const collapse = () => {
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (button) button.click();
  };
  let swallowUntil = 0;
  const guard = (event) => {
    if (!phone()) return;
    const s = sidebar();
    const outside = !s || !s.contains(event.target);
    if (outside && isOpen() && Date.now() >= swallowUntil) {
      swallowUntil = Date.now() + 700;  // the rest of this tap (up, click) is swallowed too
      collapse();
    }
    if (outside && Date.now() < swallowUntil) {
      event.preventDefault();
      event.stopPropagation();
      event.stopImmediatePropagation();
    }
  };
  for (const type of ["pointerdown", "touchstart", "mousedown", "pointerup", "touchend", "mouseup", "click"]) {
    document.addEventListener(type, guard, { capture: true, passive: false });
  }
  document.addEventListener("click", (event) => {
    if (!phone() || !isOpen()) return;
    const target = event.target instanceof Element ? event.target : null;
    const chosen = target && (target.closest('[role="radiogroup"][aria-label="Navigation"] label')
      || target.closest('[data-testid="stSidebarUserContent"] button'));
    if (chosen) setTimeout(collapse, 150);
  }, true);
  // Streamlit's own words a visitor meets (file picker, « Stop » while answering, table toolbar), in French:
  // as text, and in the labels screen readers and tooltips read.
  const EXACT = {
    "file upload": "Choisir des fichiers", "Add files": "Ajouter des fichiers", "Click to retry upload": "Cliquer pour réessayer",
    "Stop": "Arrêter", "Stopping...": "Arrêt…", "Running...": "En cours…",
    "Show/hide columns": "Afficher ou masquer des colonnes", "Download as CSV": "Télécharger en CSV",
    "Search": "Rechercher", "Fullscreen": "Plein écran", "Close fullscreen": "Quitter le plein écran",
  };
  const relabel = () => {
    for (const attribute of ["aria-label", "title"]) {
      for (const el of document.querySelectorAll(`[${attribute}]`)) {
        const label = el.getAttribute(attribute);
        const french = EXACT[label] || (label.startsWith("Remove ") && el.closest('[data-testid="stFileUploader"]')
          ? "Retirer " + label.slice(7) : label);
        if (french !== label) el.setAttribute(attribute, french);
      }
    }
  };
  // The file picker's messages about a refused file (too large, wrong type), in the chip and its tooltip.
  const size = (text) => text.replace(/([\d.]+)\s*([KMGT]?)B\b/, (_, n, unit) =>
    `${Number(n).toLocaleString("fr-FR")} ${unit}o`);
  const MESSAGES = [
    [/^Error: $/, () => "Erreur : "],
    [/^File must be (.+) or smaller\.$/, (m) => `Fichier trop volumineux : ${size(m[1])} au plus.`],
    [/^(.*) files are not allowed\.$/, () => "Ce type de fichier n'est pas accepté (PDF, .txt ou .md)."],
    [/^File size is too small\.$/, () => "Le fichier est vide."],
    [/^Upload failed$/, () => "Échec de l'envoi."],
    [/^Unexpected error\. Please try again\.$/, () => "Erreur inattendue : réessayez."],
  ];
  const translate = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const exact = EXACT[node.nodeValue.trim()];
      if (exact) { node.nodeValue = exact; continue; }
      for (const [pattern, french] of MESSAGES) {
        const m = node.nodeValue.match(pattern);
        if (m) { node.nodeValue = french(m); break; }
      }
    }
  };
  let pending = false;
  new MutationObserver((mutations) => {
    if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; relabel(); }); }
    for (const m of mutations) {
      for (const node of m.addedNodes) translate(node.nodeType === Node.TEXT_NODE ? node.parentNode || node : node);
      if (m.type === "characterData" && m.target.parentNode) translate(m.target.parentNode);
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true,
                              attributeFilter: ["aria-label", "title"] });
})();
</script>
"""


def inject_chrome() -> None:
    """Once per run; the script guards itself against being installed twice in one page."""
    st.html(CSS)
    st.html(SCRIPT, unsafe_allow_javascript=True)
