/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tp-lexicon.h"
#include "tp-store-records.h"

G_BEGIN_DECLS

#define TP_TYPE_SIDE_BADGES (tp_side_badges_get_type ())

G_DECLARE_FINAL_TYPE (TpSideBadges, tp_side_badges, TP, SIDE_BADGES, GtkWidget)

GtkWidget  *tp_side_badges_new             (void);
void        tp_side_badges_set             (TpSideBadges     *self,
                                            TpLexicon        *lexicon,
                                            TpArticleSummary *summary);
int         tp_side_badges_get_count       (TpSideBadges     *self,
                                            const char       *side_key);
const char *tp_side_badges_get_description (TpSideBadges     *self);

G_END_DECLS
