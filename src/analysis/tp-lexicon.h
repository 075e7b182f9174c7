/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The lexicon: sides, actors (with aliases and dated role aliases),
 * topics (with keywords) and speech cues. The default one is compiled into
 * the core from data/lexicon/; the store keeps an editable copy. */

#define TP_TYPE_LEXICON (tp_lexicon_get_type ())

G_DECLARE_FINAL_TYPE (TpLexicon, tp_lexicon, TP, LEXICON, GObject)

TpLexicon *tp_lexicon_new_default (GError **error);

G_END_DECLS
