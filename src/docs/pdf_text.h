/* pdf_text: the one way dudao's PDFs (plaque, 公文, visit record, balance report) lay out
 * Chinese text with pango. Owns nothing beyond the layout it returns.
 * Thread-safe: each layout has its own pango context on the caller's cairo_t. */
#ifndef DUDAO_PDF_TEXT_H
#define DUDAO_PDF_TEXT_H

#include <pango/pangocairo.h>
#include <stdbool.h>

/* A layout of text (plain text, never markup; NULL is "") in family at an absolute size
 * (points), bold or not, wrapped by word or character at width (points). Metrics are unhinted:
 * they must not snap to device pixels, since the PDF is scaled to the paper. The caller sets
 * alignment, indent or spacing as it needs, and releases it with g_object_unref. */
PangoLayout *pdf_text_layout(cairo_t *cr, const char *family, bool is_bold, double size, double width,
                             const char *text);

#endif
