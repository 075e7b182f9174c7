/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *tp_feed_date_parse   (const char *text);
char      *tp_feed_date_format  (GDateTime  *date);
char      *tp_feed_date_normalize (const char *text);

G_END_DECLS
