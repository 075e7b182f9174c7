/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include "tp-cli-json.h"

/* Public API */

/**
 * tp_cli_json_add_string:
 * @b: a builder inside an object
 * @member: the member's name
 * @value: (nullable): its value; %NULL gives JSON null
 *
 * Adds a string member, or null when there is no value.
 */
void
tp_cli_json_add_string (JsonBuilder *b,
                        const char  *member,
                        const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (b));
  g_return_if_fail (member != NULL);

  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/**
 * tp_cli_json_add_statement_members:
 * @b: a builder inside the statement's object
 * @statement: the statement
 * @kind: which members to write
 *
 * Adds the members that describe @statement; the caller opens and closes
 * the object, so it can add members of its own (compare adds the article).
 */
void
tp_cli_json_add_statement_members (JsonBuilder        *b,
                                   const TpStatement  *statement,
                                   TpCliJsonStatement  kind)
{
  const TpStatement *s = statement;
  gboolean stored = kind == TP_CLI_JSON_STATEMENT_STORED;

  g_return_if_fail (JSON_IS_BUILDER (b));
  g_return_if_fail (statement != NULL);

  if (stored)
    {
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, s->id);
      json_builder_set_member_name (b, "article_id");
      json_builder_add_int_value (b, s->article_id);
    }
  tp_cli_json_add_string (b, "kind", tp_statement_kind_to_string (s->kind));
  tp_cli_json_add_string (b, "text", s->text);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, s->start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, s->end);
  tp_cli_json_add_string (b, "speaker", s->speaker);
  tp_cli_json_add_string (b, "actor", s->actor);
  if (stored)
    tp_cli_json_add_string (b, "actor_key", s->actor_key);
  tp_cli_json_add_string (b, "side", s->side);
  json_builder_set_member_name (b, "topics");
  json_builder_begin_array (b);
  for (guint t = 0; t < s->topics->len; t++)
    json_builder_add_string_value (b, g_ptr_array_index (s->topics, t));
  json_builder_end_array (b);
  /* The two outputs shipped with these two members in opposite orders, and
   * scripts (and the extraction checks) compare the text byte for byte:
   * each keeps its order. */
  if (stored)
    {
      tp_cli_json_add_string (b, "cue", s->cue);
      tp_cli_json_add_string (b, "said_on", s->said_on);
    }
  else
    {
      tp_cli_json_add_string (b, "said_on", s->said_on);
      tp_cli_json_add_string (b, "cue", s->cue);
    }
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, s->confidence);
  if (stored)
    {
      tp_cli_json_add_string (b, "review", tp_review_status_to_string (s->review));
      json_builder_set_member_name (b, "manual");
      json_builder_add_boolean_value (b, s->manual);
    }
}
