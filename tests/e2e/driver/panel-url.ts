/**
 * A panel showing a request: review.html#<key>. Not a frame waiting hidden for the next request (#standby, or
 * #standby.<secret> for one loaded ahead of the page's first request, entrypoints/content/panel.ts), nor a tab on
 * review.html without a key (the Firefox driver's extension context).
 */
export const isPanelUrl = (url: string): boolean => /\/review\.html#(?!standby(\.|$))./.test(url);
