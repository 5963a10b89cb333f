/* plaque: the 责任督学挂牌督导公示牌, the sign hung at a school's gate that names its
 * responsible inspector, what the inspector supervises, and how the public can complain.
 *
 * Output is a one-page vector PDF (cairo + Pango, Noto Serif/Sans CJK SC with the used glyphs
 * embedded as subsets, ~100 KB), ready for a sign maker: the same layout at A4 landscape for
 * an office printer, or at 600 × 400 mm, the usual size of the metal plaque. Chinese text is
 * shaped and broken by Pango, so long school names and items wrap or shrink instead of
 * overflowing.
 *
 * The QR code (libqrencode, error correction level M) opens the public complaint page; a
 * printed plaque cannot be changed, so the URL should be one that stays valid.
 *
 * The photo may be PNG or JPEG (a phone's photo; embedded as is, EXIF orientation honoured);
 * without one a neat "照片" frame is drawn so the plaque can be printed before the photo is
 * taken.
 *
 * Thread-safety: reentrant; meant to run off the request threads (the work queue). Pango's
 * default font map is per thread. */
#ifndef DUDAO_PLAQUE_H
#define DUDAO_PLAQUE_H

#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

typedef enum plaque_size {
    PLAQUE_A4_LANDSCAPE = 0, /* 297 × 210 mm */
    PLAQUE_60x40,            /* 600 × 400 mm */
} plaque_size_t;

typedef struct plaque {
    plaque_size_t size;
    const char *office_name;     /* 发布单位, e.g. "德清县人民政府教育督导室"; required */
    const char *school_name;     /* required */
    const char *school_code;     /* 学校标识码; may be NULL */
    const char *inspector_name;  /* required */
    const char *inspector_phone; /* may be NULL */
    const char *office_phone;    /* 监督电话 of the office; may be NULL */
    const char *photo_path;      /* PNG or JPEG of the inspector; NULL draws a placeholder */
    const char *complaint_url;   /* encoded in the QR code; required */
    const char *const *items;    /* 督导事项; NULL uses plaque_default_items */
    size_t n_items;
} plaque_t;

/* The eight 督导事项 of 《中小学校责任督学挂牌督导办法》 article 4, in order. Static
 * storage; *n_out gets the count. */
const char *const *plaque_default_items(size_t *n_out);

/* Renders the plaque and appends the PDF to out (which the caller owns and frees).
 * Errors (in a): ERR_INVALID with field "office_name", "school_name", "inspector_name" or
 * "complaint_url" when one is missing, "complaint_url" when it is too long for a QR code,
 * "photo" when the photo cannot be read or is neither PNG nor JPEG; ERR_INTERNAL when cairo
 * fails. On error out may hold a partial PDF: discard it. */
err_t *plaque_pdf(arena_t *a, const plaque_t *p, buf_t *out);

/* Releases the font caches that Pango, cairo and fontconfig keep for the life of the process
 * (the calling thread's font map, cairo's font faces, fontconfig's configuration), so a leak
 * checker (the ASan builds) reports only real leaks. Call it at most once, at exit, after
 * every thread that rendered has stopped; plaque_pdf must not be called afterwards. */
void plaque_shutdown(void);

#endif
