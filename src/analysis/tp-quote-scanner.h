/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One quotation in an article: the positions of its opening and closing
 * marks (character offsets), its nesting depth (0 = top level) and whether
 * it runs over several paragraphs (English reopens the mark on each). */
typedef struct
{
  gsize    open;        /* offset of the opening mark */
  gsize    close;       /* offset of the closing mark */
  guint    depth;
  gboolean continued;
} TpQuote;

GArray *tp_scan_quotes (const gunichar *text,
                        gsize           len);

G_END_DECLS
