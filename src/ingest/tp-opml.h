/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TP_OPML_ERROR (tp_opml_error_quark ())

typedef enum
{
  TP_OPML_ERROR_MALFORMED,  /* not readable XML, or unsafe (see TpFeedParseError) */
  TP_OPML_ERROR_NOT_OPML,   /* XML, but not an OPML document */
} TpOpmlError;

/**
 * TpOpmlOutline:
 * @url: the feed's address (the outline's xmlUrl), absolute http(s)
 * @title: the outline's title or text, or %NULL
 * @html_url: the site's address, or %NULL
 *
 * One subscription in an OPML file.
 */
typedef struct
{
  char *url;
  char *title;
  char *html_url;
} TpOpmlOutline;

#define TP_TYPE_OPML_OUTLINE (tp_opml_outline_get_type ())

GType          tp_opml_outline_get_type (void) G_GNUC_CONST;
TpOpmlOutline *tp_opml_outline_new      (const char          *url,
                                         const char          *title,
                                         const char          *html_url);
TpOpmlOutline *tp_opml_outline_copy     (const TpOpmlOutline *self);
void           tp_opml_outline_free     (TpOpmlOutline       *self);

GQuark         tp_opml_error_quark      (void);
GPtrArray     *tp_opml_parse            (const guint8        *data,
                                         gsize                len,
                                         guint               *out_skipped,
                                         GError             **error);
char          *tp_opml_write            (GPtrArray           *outlines,
                                         const char          *title);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpOpmlOutline, tp_opml_outline_free)

G_END_DECLS
