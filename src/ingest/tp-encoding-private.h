/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Turning the bytes of a source into NFC-normalised UTF-8. Private to
 * src/ingest: callers go through tp_source_load_bytes().
 */

gboolean  _tp_encoding_looks_binary     (const guint8 *data,
                                         gsize         len);
char     *_tp_encoding_sniff_html       (const guint8 *data,
                                         gsize         len);
char     *_tp_encoding_decode           (const guint8 *data,
                                         gsize         len,
                                         const char   *declared,
                                         gboolean      is_html,
                                         char        **used_charset,
                                         GError      **error);
gboolean  _tp_encoding_is_plain_utf8    (const guint8 *data,
                                         gsize         len);
char     *_tp_encoding_normalize        (const char   *text,
                                         gsize         len);

G_END_DECLS
