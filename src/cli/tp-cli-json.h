/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "tp-statement.h"

G_BEGIN_DECLS

/* The JSON the subcommands print, built in one place so that `extract`,
 * `statements` and `compare` describe a statement the same way. */

/**
 * TpCliJsonStatement:
 * @TP_CLI_JSON_STATEMENT_EXTRACTED: a statement just found in an article,
 *   as `extract` prints it: no ids, no review status
 * @TP_CLI_JSON_STATEMENT_STORED: a statement read from the library, as
 *   `statements` and `compare` print it: with its ids, actor key, review
 *   status and whether a person added it
 */
typedef enum
{
  TP_CLI_JSON_STATEMENT_EXTRACTED,
  TP_CLI_JSON_STATEMENT_STORED,
} TpCliJsonStatement;

void  tp_cli_json_add_string             (JsonBuilder        *b,
                                          const char         *member,
                                          const char         *value);
void  tp_cli_json_add_statement_members  (JsonBuilder        *b,
                                          const TpStatement  *statement,
                                          TpCliJsonStatement  kind);

G_END_DECLS
