/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A span of characters of the body: [start, end). */
typedef struct
{
  gsize start;
  gsize end;
  guint paragraph;   /* index of the paragraph the span starts in */
} TpSpan;

GArray *tp_split_sentences (const gunichar *text,
                            gsize           len,
                            GArray         *quotes);

G_END_DECLS
