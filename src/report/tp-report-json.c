/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-report-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tp-report-private.h"

/* Everything in the comparison as JSON, laid out as data/report-schema.json
 * describes (TP_REPORT_SCHEMA_VERSION): the filters, sides and topics, the
 * cells as lists of statement ids, and each statement once with its
 * citation, review status, tags and notes. */

struct _TpReportJson
{
  GObject parent_instance;
};

G_DECLARE_FINAL_TYPE (TpReportJson, _tp_report_json, TP, REPORT_JSON, GObject)

static void tp_report_json_writer_init (TpReportWriterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TpReportJson, _tp_report_json, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TP_TYPE_REPORT_WRITER,
                                                      tp_report_json_writer_init))

/* Auxiliary methods */

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value == NULL)
    json_builder_add_null_value (b);
  else if (g_utf8_validate (value, -1, NULL))
    json_builder_add_string_value (b, value);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      json_builder_add_string_value (b, valid);
    }
}

static void
add_strv (JsonBuilder        *b,
          const char         *member,
          const char * const *strv)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
}

static void
add_filters (JsonBuilder  *b,
             TpComparison *comparison)
{
  guint mask = tp_comparison_get_review_mask (comparison);

  json_builder_set_member_name (b, "filters");
  json_builder_begin_object (b);
  add_string (b, "date_from", tp_comparison_get_date_from (comparison));
  add_string (b, "date_until", tp_comparison_get_date_until (comparison));
  add_strv (b, "outlets", tp_comparison_get_outlets (comparison));
  add_strv (b, "languages", tp_comparison_get_languages (comparison));
  add_strv (b, "tags", tp_comparison_get_tags (comparison));
  /* The statuses the comparison admits, spelled out (0 means all but rejected). */
  json_builder_set_member_name (b, "review_status");
  json_builder_begin_array (b);
  for (TpReviewStatus r = TP_REVIEW_AUTO; r <= TP_REVIEW_REJECTED; r++)
    if (mask == 0 ? r != TP_REVIEW_REJECTED : (mask & TP_REVIEW_MASK (r)) != 0)
      json_builder_add_string_value (b, tp_review_status_to_string (r));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_citation (JsonBuilder *b,
              TpArticle   *a)
{
  g_autofree char *file = _tp_report_source_file (a);

  json_builder_set_member_name (b, "citation");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "article_id");
  json_builder_add_int_value (b, a->id);
  add_string (b, "outlet", a->outlet);
  add_string (b, "title", a->title);
  add_string (b, "author", a->author);
  add_string (b, "published", a->published);
  add_string (b, "url", a->url != NULL && *a->url != '\0' ? a->url : NULL);
  add_string (b, "file", file);
  add_string (b, "language", a->language);
  json_builder_end_object (b);
}

static void
add_statement (JsonBuilder      *b,
               TpComparisonItem *item)
{
  TpStatement *s = item->statement;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, s->id);
  add_string (b, "kind", tp_statement_kind_to_string (s->kind));
  add_string (b, "text", s->text != NULL ? s->text : "");
  add_string (b, "speaker", s->speaker);
  add_string (b, "actor", s->actor);
  add_string (b, "actor_key", s->actor_key);
  add_string (b, "side", s->side);
  json_builder_set_member_name (b, "topics");
  json_builder_begin_array (b);
  for (guint i = 0; s->topics != NULL && i < s->topics->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (s->topics, i));
  json_builder_end_array (b);
  add_string (b, "cue", s->cue);
  add_string (b, "said_on", s->said_on);
  add_string (b, "date", _tp_report_item_date (item));
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, s->start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, s->end);
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, CLAMP (s->confidence, 0.0, 1.0));
  add_string (b, "review_status", tp_review_status_to_string (s->review));
  json_builder_set_member_name (b, "starred");
  json_builder_add_boolean_value (b, item->starred);
  json_builder_set_member_name (b, "manual");
  json_builder_add_boolean_value (b, s->manual);

  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  for (guint i = 0; item->tags != NULL && i < item->tags->len; i++)
    {
      TpTag *tag = g_ptr_array_index (item->tags, i);

      json_builder_begin_object (b);
      add_string (b, "name", tag->name);
      add_string (b, "color", tag->color);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; item->notes != NULL && i < item->notes->len; i++)
    {
      TpNote *note = g_ptr_array_index (item->notes, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, note->id);
      add_string (b, "text", note->text != NULL ? note->text : "");
      add_string (b, "created", note->created);
      add_string (b, "modified", note->modified);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  add_citation (b, item->article);
  json_builder_end_object (b);
}

static JsonNode *
build_report (TpComparison          *comparison,
              const TpReportOptions *options)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) items = _tp_report_unique_items (comparison);
  guint n_topics = tp_comparison_get_n_topics (comparison);
  guint n_sides = tp_comparison_get_n_sides (comparison);
  gboolean empty = tp_comparison_is_empty (comparison);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "schema_version");
  json_builder_add_int_value (b, TP_REPORT_SCHEMA_VERSION);
  add_string (b, "generator", "Triptych " PACKAGE_VERSION);
  add_string (b, "title", _tp_report_title (options));
  add_string (b, "generated", tp_comparison_get_generated (comparison));
  json_builder_set_member_name (b, "empty");
  json_builder_add_boolean_value (b, empty);
  add_string (b, "message", empty ? _tp_report_empty_message () : NULL);
  add_filters (b, comparison);

  json_builder_set_member_name (b, "sides");
  json_builder_begin_array (b);
  for (guint s = 0; s < n_sides; s++)
    {
      const TpLexiconSide *side = tp_comparison_get_side (comparison, s);

      json_builder_begin_object (b);
      add_string (b, "key", side->key);
      add_string (b, "name", side->name != NULL ? side->name : side->key);
      add_string (b, "color", side->color);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "topics");
  json_builder_begin_array (b);
  for (guint t = 0; t < n_topics; t++)
    {
      const TpLexiconTopic *topic = tp_comparison_get_topic (comparison, t);

      json_builder_begin_object (b);
      add_string (b, "key", topic->key);
      add_string (b, "name", topic->name != NULL ? topic->name : topic->key);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "cells");
  json_builder_begin_array (b);
  for (guint t = 0; t < n_topics; t++)
    for (guint s = 0; s < n_sides; s++)
      {
        GPtrArray *cell = tp_comparison_get_cell (comparison, t, s);

        if (cell == NULL || cell->len == 0)
          continue;
        json_builder_begin_object (b);
        add_string (b, "topic", tp_comparison_get_topic (comparison, t)->key);
        add_string (b, "side", tp_comparison_get_side (comparison, s)->key);
        json_builder_set_member_name (b, "total");
        json_builder_add_int_value (b, tp_comparison_get_cell_total (comparison, t, s));
        json_builder_set_member_name (b, "statements");
        json_builder_begin_array (b);
        for (guint i = 0; i < cell->len; i++)
          json_builder_add_int_value (b, ((TpComparisonItem *) g_ptr_array_index (cell, i))->statement->id);
        json_builder_end_array (b);
        json_builder_end_object (b);
      }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "statements");
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    add_statement (b, g_ptr_array_index (items, i));
  json_builder_end_array (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
tp_report_json_write (TpReportWriter        *writer,
                      TpComparison          *comparison,
                      const TpReportOptions *options,
                      GOutputStream         *stream,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_autoptr(JsonNode) root = build_report (comparison, options);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) local_error = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 1);
  json_generator_set_root (gen, root);
  if (!json_generator_to_stream (gen, stream, cancellable, &local_error)
      || !g_output_stream_write_all (stream, "\n", 1, NULL, cancellable, &local_error))
    {
      g_set_error (error, TP_REPORT_ERROR, TP_REPORT_ERROR_WRITE,
                   _("Could not write the report: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static const char *
tp_report_json_get_extension (TpReportWriter *writer)
{
  return "json";
}

static const char *
tp_report_json_get_content_type (TpReportWriter *writer)
{
  return "application/json";
}

/* GObject overrides */

static void
tp_report_json_writer_init (TpReportWriterInterface *iface)
{
  iface->get_extension = tp_report_json_get_extension;
  iface->get_content_type = tp_report_json_get_content_type;
  iface->write = tp_report_json_write;
}

static void
_tp_report_json_class_init (TpReportJsonClass *klass)
{
}

static void
_tp_report_json_init (TpReportJson *self)
{
}
