/*
 * Utility-class strings for the layouts the apps repeat, so a list of cards or a page's heading row
 * looks the same on every page and changes in one place. Tailwind reads this file (styles.css names
 * this folder as a source). Colours are left to the caller where they differ.
 */

/** The page column: the header's bar and the main content share it. */
export const pageWidth = "mx-auto w-full max-w-6xl px-4";

/** A <ul> or <ol> without bullets, indent or margins, for the layouts below. */
export const bareList = "m-0 list-none p-0";

/** Cards side by side, one column at 360 px. */
export const cardGrid = `${bareList} grid grid-cols-[repeat(auto-fill,minmax(min(100%,16rem),1fr))] gap-4`;

/** Cards (or rows) one below the other. */
export const cardList = `${bareList} grid gap-3`;

/** Short items in a row that wraps: links, a legend. */
export const inlineList = `${bareList} flex flex-wrap gap-x-4 gap-y-1`;

/** Buttons (and the forms holding them) in a row that wraps. */
export const actions = "flex flex-wrap items-center gap-2 [&_form]:m-0";

/** A page's h1 with an action beside it, or below it on a narrow screen. */
export const toolbar = `${actions} mb-4 justify-between gap-x-4 [&_h1]:m-0`;

/** Two columns on wide screens (sections, a form beside a calendar), one at 360 px. */
export const columns = "grid grid-cols-[repeat(auto-fit,minmax(min(100%,20rem),1fr))] items-start gap-x-8 gap-y-6";

/** Fields side by side while each has 10rem, e.g. arrival and departure. */
export const fieldRow = "grid w-full grid-cols-[repeat(auto-fit,minmax(min(100%,10rem),1fr))] gap-3";

/** Checkboxes or radios of one fieldset; outlined when the fieldset is aria-invalid. */
export const choices =
  "flex flex-wrap gap-x-4 gap-y-1 rounded-card border border-transparent in-aria-invalid:border-danger";

/** A label's checkbox or radio and its text. */
export const choice = "inline-flex items-center gap-1.5";

/** The label/value pairs of a <dl>. */
export const facts = "grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 [&_dd]:m-0 [&_dd]:wrap-anywhere";

/** A rounded label (a tag, a status); the caller picks its colours. */
export const pill = "inline-block rounded-full border px-2.5 py-0.5 text-sm no-underline";
