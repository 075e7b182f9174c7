/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "tp-cli.h"
#include "tp-cli-json.h"
#include "tp-comparison.h"
#include "tp-report-writer.h"
#include "tp-store.h"

/* `statements`, `search` and `compare`: read-only views of the library, as
 * a table for people and JSON (and CSV for statements) for programs. */

typedef enum
{
  FORMAT_TABLE,
  FORMAT_JSON,
  FORMAT_CSV,
} Format;

/* Auxiliary methods */

/* Pads by characters, not bytes, so Vietnamese headers ("PHÍA") and dashes
 * keep the columns straight; a space always separates columns. */
static void
print_padded (const char *text,
              int         width)
{
  int len = (int) g_utf8_strlen (text, -1);

  printf ("%s%*s ", text, MAX (width - len, 0), "");
}

static gboolean
parse_format (const char  *name,
              gboolean     csv_allowed,
              Format      *out,
              const char  *command)
{
  if (name == NULL || g_str_equal (name, "table"))
    *out = FORMAT_TABLE;
  else if (g_str_equal (name, "json"))
    *out = FORMAT_JSON;
  else if (csv_allowed && g_str_equal (name, "csv"))
    *out = FORMAT_CSV;
  else
    {
      tp_cli_fail (csv_allowed ? _("%s: unknown format “%s”; use table, json or csv")
                               : _("%s: unknown format “%s”; use table or json"),
                   command, name);
      return FALSE;
    }
  return TRUE;
}

/* Reading commands never create a library: an empty new file at a mistyped
 * path would hide the mistake. */
static TpStore *
open_existing (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  TpStore *store;

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      tp_cli_fail (_("there is no library at %s yet; import articles first or choose one with --db"),
                   db_path);
      return NULL;
    }
  store = tp_store_open (db_path, &error);
  if (store == NULL)
    tp_cli_fail_error (NULL, error);
  return store;
}

static gboolean
parse_review_list (const char * const *names,
                   guint              *mask,
                   const char         *command)
{
  *mask = 0;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (names[i], ",", -1);

      for (guint p = 0; parts[p] != NULL; p++)
        {
          TpReviewStatus status;

          if (!tp_review_status_from_string (g_strstrip (parts[p]), &status))
            {
              tp_cli_fail (_("%s: unknown review status “%s”; use auto, confirmed, edited or rejected"),
                           command, parts[p]);
              return FALSE;
            }
          *mask |= TP_REVIEW_MASK (status);
        }
    }
  return TRUE;
}

/* One line for a terminal: newlines folded, long text cut at a character
 * boundary. */
static char *
one_line (const char *text,
          glong       max_chars)
{
  g_autofree char *copy = g_strdup (text ? text : "");
  g_autofree char *cut = NULL;
  glong len;

  g_strdelimit (copy, "\n\r\t", ' ');
  len = g_utf8_strlen (copy, -1);
  if (len <= max_chars)
    return g_steal_pointer (&copy);
  cut = g_utf8_substring (copy, 0, max_chars - 1);
  return g_strconcat (cut, "…", NULL);
}

/* statements */

int
tp_cli_statements (int         argc,
                   char      **argv,
                   const char *db_path)
{
  g_autofree char *side = NULL, *topic = NULL, *actor = NULL, *from = NULL, *until = NULL;
  g_autofree char *outlet = NULL, *language = NULL, *tag = NULL, *query = NULL, *format = NULL;
  g_auto(GStrv) review = NULL;
  gint64 article = 0;
  int limit = 0, offset = 0;
  gboolean starred = FALSE;
  GOptionEntry entries[] = {
    { "side", 0, 0, G_OPTION_ARG_STRING, &side, N_("Only this side (moscow, washington, kyiv…); \"none\" for none"), "SIDE" },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &topic, N_("Only this topic"), "TOPIC" },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &actor, N_("Only this actor (registry key)"), "ACTOR" },
    { "article", 0, 0, G_OPTION_ARG_INT64, &article, N_("Only this article"), "ID" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First date"), "YYYY-MM-DD" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Last date"), "YYYY-MM-DD" },
    { "outlet", 0, 0, G_OPTION_ARG_STRING, &outlet, N_("Only this outlet"), "OUTLET" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Only this language"), "LANG" },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only statements with this tag"), "TAG" },
    { "review", 0, 0, G_OPTION_ARG_STRING_ARRAY, &review, N_("Only these review statuses"), "STATUS" },
    { "status", 0, 0, G_OPTION_ARG_STRING_ARRAY, &review, N_("Only these review statuses"), "STATUS" },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, N_("Only starred statements"), NULL },
    { "query", 0, 0, G_OPTION_ARG_STRING, &query, N_("Only statements matching these words"), "WORDS" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N statements"), "N" },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip N statements"), "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table, json or csv"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— list statements, newest first"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  TpStatementFilter filter = { 0 };
  Format fmt;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return tp_cli_fail_error ("statements", error);
  if (argc > 1)
    return tp_cli_fail (_("statements: unexpected argument “%s”"), argv[1]);
  if (!parse_format (format, TRUE, &fmt, "statements"))
    return 1;
  if (limit < 0 || offset < 0)
    return tp_cli_fail ("%s", _("statements: --limit and --offset take a positive number"));

  filter.side = side != NULL && g_str_equal (side, "none") ? "" : side;
  filter.topic = topic;
  filter.actor = actor;
  filter.article_id = article;
  filter.date_from = from;
  filter.date_until = until;
  filter.outlet = outlet;
  filter.language = language;
  filter.tag = tag;
  filter.query = query;
  filter.starred_only = starred;
  if (!parse_review_list ((const char * const *) review, &filter.review_mask, "statements"))
    return 1;

  store = open_existing (db_path);
  if (store == NULL)
    return 1;
  statements = tp_store_list_statements (store, &filter, (guint) offset, (guint) limit, &error);
  if (statements == NULL)
    return tp_cli_fail_error ("statements", error);

  if (fmt == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < statements->len; i++)
        {
          json_builder_begin_object (b);
          tp_cli_json_add_statement_members (b, g_ptr_array_index (statements, i),
                                             TP_CLI_JSON_STATEMENT_STORED);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      tp_cli_print_json (root);
    }
  else if (fmt == FORMAT_CSV)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      const char *header[] = { "id", "article_id", "kind", "side", "actor", "speaker", "said_on",
                               "topics", "review", "cue", "confidence", "text" };

      /* Same rules as the CSV report, formulas included. */
      for (guint h = 0; h < G_N_ELEMENTS (header); h++)
        tp_report_csv_append_field (out, header[h], TP_REPORT_CSV_TEXT,
                                    h + 1 == G_N_ELEMENTS (header));
      for (guint i = 0; i < statements->len; i++)
        {
          TpStatement *s = g_ptr_array_index (statements, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, s->id);
          g_autofree char *article_id = g_strdup_printf ("%" G_GINT64_FORMAT, s->article_id);
          g_autofree char *confidence = g_strdup_printf ("%.2f", s->confidence);
          g_autofree char *topics = NULL;

          g_ptr_array_add (s->topics, NULL);
          topics = g_strjoinv (";", (char **) s->topics->pdata);
          g_ptr_array_remove_index (s->topics, s->topics->len - 1);

          tp_report_csv_append_field (out, id, TP_REPORT_CSV_NUMBER, FALSE);
          tp_report_csv_append_field (out, article_id, TP_REPORT_CSV_NUMBER, FALSE);
          tp_report_csv_append_field (out, tp_statement_kind_to_string (s->kind), TP_REPORT_CSV_TEXT,
                                      FALSE);
          tp_report_csv_append_field (out, s->side, TP_REPORT_CSV_TEXT, FALSE);
          tp_report_csv_append_field (out, s->actor, TP_REPORT_CSV_TEXT, FALSE);
          tp_report_csv_append_field (out, s->speaker, TP_REPORT_CSV_TEXT, FALSE);
          tp_report_csv_append_field (out, s->said_on, TP_REPORT_CSV_TEXT, FALSE);
          tp_report_csv_append_field (out, topics, TP_REPORT_CSV_TEXT, FALSE);
          tp_report_csv_append_field (out, tp_review_status_to_string (s->review),
                                      TP_REPORT_CSV_TEXT, FALSE);
          tp_report_csv_append_field (out, s->cue, TP_REPORT_CSV_TEXT, FALSE);
          tp_report_csv_append_field (out, confidence, TP_REPORT_CSV_NUMBER, FALSE);
          tp_report_csv_append_field (out, s->text, TP_REPORT_CSV_TEXT, TRUE);
        }
      fputs (out->str, stdout);
    }
  else
    {
      print_padded (_("ID"), 7);
      print_padded (_("SIDE"), 10);
      print_padded (_("REVIEW"), 10);
      print_padded (_("SPEAKER"), 24);
      printf ("%s\n", _("STATEMENT"));
      for (guint i = 0; i < statements->len; i++)
        {
          TpStatement *s = g_ptr_array_index (statements, i);
          g_autofree char *speaker = one_line (s->speaker ? s->speaker : "—", 24);
          g_autofree char *text = one_line (s->text, 70);

          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, s->id);

          print_padded (id, 7);
          print_padded (s->side ? s->side : "—", 10);
          print_padded (tp_review_status_to_string (s->review), 10);
          print_padded (speaker, 24);
          printf ("%s\n", text);
        }
      if (statements->len == 0)
        printf ("%s\n", _("No statements match."));
    }
  return 0;
}

/* search */

static void
print_hits_table (GPtrArray  *hits,
                  const char *heading)
{
  printf ("%s\n", heading);
  for (guint i = 0; i < hits->len; i++)
    {
      TpSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *title = one_line (hit->title ? hit->title : _("untitled"), 50);
      g_autofree char *snippet = one_line (hit->snippet, 90);

      if (hit->kind == TP_SEARCH_HIT_STATEMENT)
        printf ("  #%" G_GINT64_FORMAT " %s [%s] %s: %s\n", hit->statement_id,
                hit->published ? hit->published : "—", hit->side ? hit->side : "—",
                hit->speaker ? hit->speaker : "—", snippet);
      else
        printf ("  %" G_GINT64_FORMAT " %s %s — %s\n     %s\n", hit->article_id,
                hit->published ? hit->published : "—", title,
                hit->outlet ? hit->outlet : "—", snippet);
    }
  if (hits->len == 0)
    printf ("  %s\n", _("nothing found"));
}

static void
add_hits_json (JsonBuilder *b,
               const char  *member,
               GPtrArray   *hits)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < hits->len; i++)
    {
      TpSearchHit *hit = g_ptr_array_index (hits, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "article_id");
      json_builder_add_int_value (b, hit->article_id);
      if (hit->kind == TP_SEARCH_HIT_STATEMENT)
        {
          json_builder_set_member_name (b, "statement_id");
          json_builder_add_int_value (b, hit->statement_id);
          tp_cli_json_add_string (b, "speaker", hit->speaker);
          tp_cli_json_add_string (b, "side", hit->side);
        }
      tp_cli_json_add_string (b, "title", hit->title);
      tp_cli_json_add_string (b, "outlet", hit->outlet);
      tp_cli_json_add_string (b, "published", hit->published);
      tp_cli_json_add_string (b, "snippet", hit->snippet);
      json_builder_set_member_name (b, "rank");
      json_builder_add_double_value (b, hit->rank);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

int
tp_cli_search (int         argc,
               char      **argv,
               const char *db_path)
{
  g_autofree char *format = NULL, *scope = NULL, *order = NULL;
  int limit = 20, offset = 0;
  GOptionEntry entries[] = {
    { "in", 0, 0, G_OPTION_ARG_STRING, &scope, N_("articles, statements or all (the default)"), "WHERE" },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order, N_("newest (the default) or relevance"), "ORDER" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N hits of each kind (default 20)"), "N" },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip N hits of each kind"), "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("QUERY — search articles and statements"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *query = NULL;
  TpSearchOrder search_order = TP_SEARCH_NEWEST;
  gboolean want_articles = TRUE, want_statements = TRUE;
  Format fmt;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return tp_cli_fail_error ("search", error);
  if (argc < 2)
    return tp_cli_fail ("%s", _("search needs a QUERY"));
  if (!parse_format (format, FALSE, &fmt, "search"))
    return 1;
  if (limit < 0 || offset < 0)
    return tp_cli_fail ("%s", _("search: --limit and --offset take a positive number"));
  if (order != NULL && g_str_equal (order, "relevance"))
    search_order = TP_SEARCH_RELEVANCE;
  else if (order != NULL && !g_str_equal (order, "newest"))
    return tp_cli_fail (_("search: unknown order “%s”; use newest or relevance"), order);
  if (scope != NULL && g_str_equal (scope, "articles"))
    want_statements = FALSE;
  else if (scope != NULL && g_str_equal (scope, "statements"))
    want_articles = FALSE;
  else if (scope != NULL && !g_str_equal (scope, "all"))
    return tp_cli_fail (_("search: unknown --in “%s”; use articles, statements or all"), scope);

  /* Several words on the command line are one query. */
  query = g_strjoinv (" ", argv + 1);
  if (!g_utf8_validate (query, -1, NULL))
    return tp_cli_fail ("%s", _("search: the query is not valid UTF-8 text"));

  store = open_existing (db_path);
  if (store == NULL)
    return 1;

  articles = want_articles
             ? tp_store_search (store, query, TP_SEARCH_ARTICLES, search_order, (guint) offset,
                                (guint) limit, &error)
             : g_ptr_array_new ();
  if (articles == NULL)
    return tp_cli_fail_error ("search", error);
  statements = want_statements
               ? tp_store_search (store, query, TP_SEARCH_STATEMENTS, search_order,
                                  (guint) offset, (guint) limit, &error)
               : g_ptr_array_new ();
  if (statements == NULL)
    return tp_cli_fail_error ("search", error);

  if (fmt == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      tp_cli_json_add_string (b, "query", query);
      tp_cli_json_add_string (b, "order",
                              search_order == TP_SEARCH_RELEVANCE ? "relevance" : "newest");
      add_hits_json (b, "articles", articles);
      add_hits_json (b, "statements", statements);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      tp_cli_print_json (root);
    }
  else
    {
      if (want_articles)
        print_hits_table (articles, _("Articles:"));
      if (want_statements)
        print_hits_table (statements, _("Statements:"));
    }
  return 0;
}

/* compare */

static void
add_comparison_item (JsonBuilder      *b,
                     TpComparisonItem *item)
{
  json_builder_begin_object (b);
  tp_cli_json_add_statement_members (b, item->statement, TP_CLI_JSON_STATEMENT_STORED);
  tp_cli_json_add_string (b, "date", item->date);
  tp_cli_json_add_string (b, "outlet", item->article->outlet);
  tp_cli_json_add_string (b, "article_title", item->article->title);
  tp_cli_json_add_string (b, "url", item->article->url);
  tp_cli_json_add_string (b, "file", item->article->source_path);
  tp_cli_json_add_string (b, "published", item->article->published);
  json_builder_set_member_name (b, "starred");
  json_builder_add_boolean_value (b, item->starred);
  json_builder_end_object (b);
}

static void
add_strv (JsonBuilder        *b,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (b, member);
  if (values == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

int
tp_cli_compare (int         argc,
                char      **argv,
                const char *db_path)
{
  g_autofree char *from = NULL, *until = NULL, *format = NULL;
  g_auto(GStrv) outlets = NULL, languages = NULL, tags = NULL, review = NULL;
  g_auto(GStrv) sides = NULL, topics = NULL;
  int max_per_cell = 0;
  gboolean all_topics = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First date"), "YYYY-MM-DD" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Last date"), "YYYY-MM-DD" },
    { "outlet", 0, 0, G_OPTION_ARG_STRING_ARRAY, &outlets, N_("Only this outlet (repeatable)"), "OUTLET" },
    { "language", 0, 0, G_OPTION_ARG_STRING_ARRAY, &languages, N_("Only this language (repeatable)"), "LANG" },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Only statements with this tag (repeatable)"), "TAG" },
    { "review", 0, 0, G_OPTION_ARG_STRING_ARRAY, &review, N_("Only these review statuses (default: all but rejected)"), "STATUS" },
    { "side", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sides, N_("Only this side (repeatable)"), "SIDE" },
    { "topic", 0, 0, G_OPTION_ARG_STRING_ARRAY, &topics, N_("Only this topic (repeatable)"), "TOPIC" },
    { "max-per-cell", 0, 0, G_OPTION_ARG_INT, &max_per_cell, N_("Newest N statements per cell"), "N" },
    { "all-topics", 0, 0, G_OPTION_ARG_NONE, &all_topics, N_("Show topics nobody spoke about"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— what each side said, topic by topic"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpComparison) cmp = NULL;
  TpComparisonFilter filter = { 0 };
  Format fmt;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return tp_cli_fail_error ("compare", error);
  if (argc > 1)
    return tp_cli_fail (_("compare: unexpected argument “%s”"), argv[1]);
  if (!parse_format (format, FALSE, &fmt, "compare"))
    return 1;
  if (max_per_cell < 0)
    return tp_cli_fail ("%s", _("compare: --max-per-cell takes a positive number"));

  filter.date_from = from;
  filter.date_until = until;
  filter.outlets = (const char * const *) outlets;
  filter.languages = (const char * const *) languages;
  filter.tags = (const char * const *) tags;
  filter.sides = (const char * const *) sides;
  filter.topics = (const char * const *) topics;
  filter.max_per_cell = (guint) max_per_cell;
  if (!parse_review_list ((const char * const *) review, &filter.review_mask, "compare"))
    return 1;

  store = open_existing (db_path);
  if (store == NULL)
    return 1;
  cmp = tp_comparison_new (store, &filter, &error);
  if (cmp == NULL)
    return tp_cli_fail_error ("compare", error);

  if (fmt == FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      tp_cli_json_add_string (b, "generated", tp_comparison_get_generated (cmp));
      json_builder_set_member_name (b, "filter");
      json_builder_begin_object (b);
      tp_cli_json_add_string (b, "from", from);
      tp_cli_json_add_string (b, "until", until);
      add_strv (b, "outlets", filter.outlets);
      add_strv (b, "languages", filter.languages);
      add_strv (b, "tags", filter.tags);
      add_strv (b, "review", (const char * const *) review);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "statements");
      json_builder_add_int_value (b, tp_comparison_get_n_statements (cmp));

      json_builder_set_member_name (b, "sides");
      json_builder_begin_array (b);
      for (guint s = 0; s < tp_comparison_get_n_sides (cmp); s++)
        {
          const TpLexiconSide *side = tp_comparison_get_side (cmp, s);

          json_builder_begin_object (b);
          tp_cli_json_add_string (b, "key", side->key);
          tp_cli_json_add_string (b, "name", side->name);
          tp_cli_json_add_string (b, "color", side->color);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);

      json_builder_set_member_name (b, "topics");
      json_builder_begin_array (b);
      for (guint t = 0; t < tp_comparison_get_n_topics (cmp); t++)
        {
          const TpLexiconTopic *topic = tp_comparison_get_topic (cmp, t);

          if (!all_topics && tp_comparison_topic_is_empty (cmp, t))
            continue;
          json_builder_begin_object (b);
          tp_cli_json_add_string (b, "key", topic->key);
          tp_cli_json_add_string (b, "name", topic->name);
          json_builder_set_member_name (b, "cells");
          json_builder_begin_object (b);
          for (guint s = 0; s < tp_comparison_get_n_sides (cmp); s++)
            {
              GPtrArray *cell = tp_comparison_get_cell (cmp, t, s);

              json_builder_set_member_name (b, tp_comparison_get_side (cmp, s)->key);
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "total");
              json_builder_add_int_value (b, tp_comparison_get_cell_total (cmp, t, s));
              json_builder_set_member_name (b, "statements");
              json_builder_begin_array (b);
              for (guint i = 0; i < cell->len; i++)
                add_comparison_item (b, g_ptr_array_index (cell, i));
              json_builder_end_array (b);
              json_builder_end_object (b);
            }
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      tp_cli_print_json (root);
      return 0;
    }

  if (tp_comparison_is_empty (cmp))
    {
      printf ("%s\n", _("No statements match: nothing to compare."));
      return 0;
    }
  for (guint t = 0; t < tp_comparison_get_n_topics (cmp); t++)
    {
      const TpLexiconTopic *topic = tp_comparison_get_topic (cmp, t);

      if (!all_topics && tp_comparison_topic_is_empty (cmp, t))
        continue;
      printf ("== %s ==\n", topic->name ? topic->name : topic->key);
      for (guint s = 0; s < tp_comparison_get_n_sides (cmp); s++)
        {
          const TpLexiconSide *side = tp_comparison_get_side (cmp, s);
          GPtrArray *cell = tp_comparison_get_cell (cmp, t, s);

          printf ("  %s (%u)\n", side->name ? side->name : side->key,
                  tp_comparison_get_cell_total (cmp, t, s));
          if (cell->len == 0)
            printf ("    %s\n", _("No stated position"));
          for (guint i = 0; i < cell->len; i++)
            {
              TpComparisonItem *item = g_ptr_array_index (cell, i);
              g_autofree char *text = one_line (item->statement->text, 80);

              printf ("    %s  %s: “%s” — %s\n", item->date ? item->date : "—",
                      item->statement->speaker ? item->statement->speaker : "—", text,
                      item->article->outlet ? item->article->outlet : "—");
            }
        }
    }
  return 0;
}
