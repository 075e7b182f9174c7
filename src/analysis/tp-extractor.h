/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tp-article.h"
#include "tp-lexicon.h"
#include "tp-statement.h"

G_BEGIN_DECLS

#define TP_TYPE_EXTRACTOR (tp_extractor_get_type ())

G_DECLARE_FINAL_TYPE (TpExtractor, tp_extractor, TP, EXTRACTOR, GObject)

TpExtractor *tp_extractor_new  (TpLexicon   *lexicon);
GPtrArray   *tp_extractor_run  (TpExtractor *self,
                                TpArticle   *article);

G_END_DECLS
