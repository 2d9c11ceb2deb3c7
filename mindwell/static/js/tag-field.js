// After a suggested tag is put into a tag field, htmx draws the field again and focuses it
// (autofocus): put the caret at the end, ready for the next tag. The page works without it.
document.addEventListener("htmx:afterSettle", () => {
  const field = document.activeElement;
  if (field instanceof HTMLInputElement && field.name === "tags" && field.hasAttribute("autofocus")) {
    field.removeAttribute("autofocus");
    const end = field.value.length;
    field.setSelectionRange(end, end);
  }
});
