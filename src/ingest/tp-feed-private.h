/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

xmlDoc *_tp_feed_read_xml (const guint8  *data,
                           gsize          len,
                           const char    *base_url,
                           const char    *charset,
                           GError       **error);

G_END_DECLS
