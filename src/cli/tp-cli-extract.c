/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tp-cli.h"
#include "tp-cli-json.h"
#include "tp-extractor.h"
#include "tp-source.h"

/* Auxiliary methods */

static gboolean
valid_iso_date (const char *date)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *full = NULL;

  if (date == NULL || strlen (date) != 10)
    return FALSE;
  full = g_strconcat (date, "T00:00:00Z", NULL);
  dt = g_date_time_new_from_iso8601 (full, NULL);
  return dt != NULL;
}

static JsonNode *
build_result (TpArticle *article,
              GPtrArray *statements)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  tp_cli_json_add_string (b, "title", article->title);
  tp_cli_json_add_string (b, "outlet", article->outlet);
  tp_cli_json_add_string (b, "author", article->author);
  tp_cli_json_add_string (b, "language", article->language);
  tp_cli_json_add_string (b, "published", article->published);
  tp_cli_json_add_string (b, "url", article->url);
  tp_cli_json_add_string (b, "body", article->body);

  json_builder_set_member_name (b, "captions");
  json_builder_begin_array (b);
  for (guint i = 0; i < article->captions->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (article->captions, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "statements");
  json_builder_begin_array (b);
  for (guint i = 0; i < statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (statements, i);

      json_builder_begin_object (b);
      tp_cli_json_add_statement_members (b, st, TP_CLI_JSON_STATEMENT_EXTRACTED);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* Public API */

int
tp_cli_extract (int         argc,
                char      **argv,
                const char *db_path)
{
  g_autofree char *lang = NULL;
  g_autofree char *date = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the article: vi, en or auto"), "LANG" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Publication date used to resolve dates in the text"), "YYYY-MM-DD" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: json"), "FORMAT" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("FILE — find the statements in one article"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TpArticle) article = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(TpExtractor) extractor = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (ctx, TRUE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return tp_cli_fail_error ("extract", error);

  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return tp_cli_fail ("%s", _("extract needs exactly one FILE"));
  if (format != NULL && !g_str_equal (format, "json"))
    return tp_cli_fail (_("extract: unknown format “%s”; only json is supported"), format);
  if (lang != NULL && !g_str_equal (lang, "auto") && !g_str_equal (lang, "vi")
      && !g_str_equal (lang, "en") && !g_str_equal (lang, "ru") && !g_str_equal (lang, "uk"))
    return tp_cli_fail (_("extract: unknown language “%s”; use vi, en, ru, uk or auto"), lang);
  if (date != NULL && !valid_iso_date (date))
    return tp_cli_fail (_("extract: “%s” is not a date of the form YYYY-MM-DD"), date);

  file = g_file_new_for_commandline_arg (files[0]);
  article = tp_source_load_file (file, NULL, &error);
  if (article == NULL)
    return tp_cli_fail_error (files[0], error);

  if (lang != NULL && !g_str_equal (lang, "auto"))
    {
      g_free (article->language);
      article->language = g_strdup (lang);
    }
  if (date != NULL)
    {
      g_free (article->published);
      article->published = g_strdup (date);
    }

  lexicon = tp_lexicon_new_default (&error);
  if (lexicon == NULL)
    return tp_cli_fail_error ("extract", error);
  extractor = tp_extractor_new (lexicon);
  statements = tp_extractor_run (extractor, article);

  root = build_result (article, statements);
  tp_cli_print_json (root);
  return 0;
}
