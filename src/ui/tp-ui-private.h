/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tp-lexicon.h"
#include "tp-statement.h"

G_BEGIN_DECLS

/* Helpers shared by the views; not part of any type's API. */

void        _tp_side_style_install    (GPtrArray        *sides);
char       *_tp_side_css_class        (const char       *side_key);
void        _tp_side_badge_colors     (const TpLexiconSide *side,
                                       GdkRGBA          *background,
                                       GdkRGBA          *text);
gboolean    _tp_side_get_color        (TpLexicon        *lexicon,
                                       const char       *side_key,
                                       GdkRGBA          *color);
const char *_tp_side_get_name         (TpLexicon        *lexicon,
                                       const char       *side_key);
const char *_tp_side_display_name     (const TpLexiconSide *side);
char       *_tp_format_date           (const char       *iso);
char       *_tp_format_day            (guint             julian);
const char *_tp_language_name         (const char       *code);
const char *_tp_review_status_label   (TpReviewStatus    status);
const char *_tp_statement_kind_label  (TpStatementKind   kind);
const char *_tp_topic_get_name        (TpLexicon        *lexicon,
                                       const char       *topic_key);
char       *_tp_statement_topics_text (TpLexicon        *lexicon,
                                       TpStatement      *statement);
TpStatement *_tp_statement_dup        (TpStatement      *statement);
GPtrArray  *_tp_ptr_array_borrow      (GPtrArray        *array);
void        _tp_flap_set_reveal       (AdwFlap          *flap,
                                       gboolean          reveal);

G_END_DECLS
