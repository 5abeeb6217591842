// A table wider than the page scrolls sideways in Material's wrapper: let
// the keyboard reach and scroll it too, as it can Material's code blocks
// (axe-core's "scrollable-region-focusable").
document$.subscribe(function () {
  for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
    wrapper.tabIndex = 0;
  }
});
