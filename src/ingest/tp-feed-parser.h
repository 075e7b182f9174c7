/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tp-feed-document.h"

G_BEGIN_DECLS

#define TP_FEED_ERROR (tp_feed_error_quark ())

typedef enum
{
  TP_FEED_ERROR_EMPTY,       /* no bytes, or only whitespace */
  TP_FEED_ERROR_MALFORMED,   /* XML or JSON that cannot be read */
  TP_FEED_ERROR_NOT_A_FEED,  /* well-formed, but not RSS, Atom or JSON Feed */
  TP_FEED_ERROR_UNSAFE,      /* declares entities: XXE, billion laughs */
  TP_FEED_ERROR_TOO_LARGE,
} TpFeedParseError;

/* Largest feed document accepted, in bytes. */
#define TP_FEED_MAX_BYTES (10 * 1024 * 1024)

GQuark   tp_feed_error_quark   (void);

TpFeedDocument  *tp_feed_parse         (const guint8  *data,
                                gsize          len,
                                const char    *base_url,
                                const char    *charset,
                                GError       **error);
TpFeedDocument  *tp_feed_parse_bytes   (GBytes        *bytes,
                                const char    *base_url,
                                const char    *charset,
                                GError       **error);

char    *tp_feed_html_to_text  (const char    *html);
char    *tp_feed_resolve_url   (const char    *base,
                                const char    *link);

G_END_DECLS
