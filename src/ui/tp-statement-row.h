/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tp-statement.h"

G_BEGIN_DECLS

#define TP_TYPE_STATEMENT_ROW (tp_statement_row_get_type ())

G_DECLARE_FINAL_TYPE (TpStatementRow, tp_statement_row, TP, STATEMENT_ROW, GObject)

TpStatementRow *tp_statement_row_new           (TpStatement    *statement,
                                                const char     *article_title,
                                                const char     *outlet,
                                                const char     *published);
TpStatement    *tp_statement_row_get_statement (TpStatementRow *self);
const char     *tp_statement_row_get_article_title (TpStatementRow *self);
const char     *tp_statement_row_get_outlet    (TpStatementRow *self);
const char     *tp_statement_row_get_published (TpStatementRow *self);
const char     *tp_statement_row_get_date      (TpStatementRow *self);

G_END_DECLS
