/* Sidebar buttons that work on every screen.
 *
 * pydata-sphinx-theme (since 0.17.0) wires only the first ".primary-toggle" and the first
 * ".secondary-toggle" on the page, which sit in its own header. sphinx-book-theme shows readers
 * a second pair in the article header, and those never get a listener, so on a phone the
 * navigation and contents buttons do nothing (pydata-sphinx-theme #2451, sphinx-book-theme
 * #865). Each later button forwards its click to the first of its kind, whose listeners open
 * the panel as a dialog on phones and fold the sidebar away on wide screens.
 */
(function () {
  function forward(kind) {
    var buttons = document.querySelectorAll("." + kind + "-toggle");
    for (var i = 1; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        buttons[0].click();
      });
    }
  }
  function wire() {
    forward("primary");
    forward("secondary");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
