/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "accuracy-feeds"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "tp-feed-parser.h"

/* Measures the feed parser on the feed-rs project's fixtures (real and
 * specification feeds, with the parse feed-rs expects beside each in
 * *.serde.json). Nothing of the corpus is copied into the project: the run
 * reads it in place and is skipped when it is absent. */

typedef struct
{
  guint files;
  guint parsed;
  guint with_expected;
  guint parsed_with_expected;
  guint title_ok;
  guint count_ok;
  guint link_ok;
  guint date_ok;
  guint all_ok;
} Score;

static gboolean verbose;

/* Auxiliary methods */

static char *
collapse (const char *text)
{
  g_auto (GStrv) words = NULL;

  if (text == NULL)
    return NULL;
  words = g_strsplit_set (text, " \t\r\n", -1);
  {
    g_autoptr(GString) out = g_string_new (NULL);

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (*words[i] == '\0')
          continue;
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
    if (out->len == 0)
      return NULL;
    return g_string_free (g_steal_pointer (&out), FALSE);
  }
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *ca = collapse (a);
  g_autofree char *cb = collapse (b);

  return g_strcmp0 (ca, cb) == 0;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return json_node_get_string (node);
}

static const char *
expected_title (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "title");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return member_string (json_node_get_object (node), "content");
}

static const char *
expected_link (JsonObject *entry)
{
  JsonNode *node = json_object_get_member (entry, "links");
  JsonArray *links;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  links = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);
      const char *rel = member_string (link, "rel");

      if (rel == NULL || g_str_equal (rel, "alternate"))
        return member_string (link, "href");
    }
  return NULL;
}

static void
score_file (const char *path,
            Score      *score)
{
  g_autofree char *contents = NULL;
  g_autofree char *expected_path = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TpFeedDocument) feed = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *expected;
  JsonArray *entries;
  gsize len;
  gboolean title_ok, count_ok, link_ok = TRUE, date_ok = TRUE;

  score->files++;
  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      printf ("  unreadable %s: %s\n", path, error->message);
      return;
    }
  stem = g_strndup (path, strrchr (path, '.') - path);
  expected_path = g_strconcat (stem, ".serde.json", NULL);
  feed = tp_feed_parse ((const guint8 *) contents, len, NULL, NULL, &error);
  if (feed == NULL)
    {
      if (g_file_test (expected_path, G_FILE_TEST_EXISTS))
        score->with_expected++;
      printf ("  %s %s: "
              "%s\n", g_file_test (expected_path, G_FILE_TEST_EXISTS) ? "FAIL" : "not a feed",
              path, error->message);
      return;
    }
  score->parsed++;
  if (!g_file_test (expected_path, G_FILE_TEST_EXISTS))
    return;
  parser = json_parser_new ();
  if (!json_parser_load_from_file (parser, expected_path, &error))
    {
      printf ("  bad expected file %s: %s\n", expected_path, error->message);
      return;
    }
  score->with_expected++;
  score->parsed_with_expected++;
  expected = json_node_get_object (json_parser_get_root (parser));
  entries = json_object_get_array_member (expected, "entries");

  title_ok = same_text (expected_title (expected), feed->title);
  count_ok = json_array_get_length (entries) == feed->entries->len;
  if (json_array_get_length (entries) > 0 && feed->entries->len > 0)
    {
      JsonObject *first = json_array_get_object_element (entries, 0);
      TpFeedEntry *mine = g_ptr_array_index (feed->entries, 0);
      const char *date = member_string (first, "published");
      const char *my_date = mine->published != NULL ? mine->published : mine->updated;

      if (date == NULL)
        date = member_string (first, "updated");
      link_ok = g_strcmp0 (expected_link (first), mine->link) == 0;
      date_ok = g_strcmp0 (date, my_date) == 0;
      if (verbose && !link_ok)
        printf ("  link %s: expected %s, got %s\n", path, expected_link (first), mine->link);
      if (verbose && !date_ok)
        printf ("  date %s: expected %s, got %s\n", path, date, my_date);
    }
  if (verbose && !title_ok)
    printf ("  title %s: expected “%s”, got “%s”\n", path, expected_title (expected), feed->title);
  if (verbose && !count_ok)
    printf ("  count %s: expected %u, got %u\n", path, json_array_get_length (entries),
            feed->entries->len);

  score->title_ok += title_ok;
  score->count_ok += count_ok;
  score->link_ok += link_ok;
  score->date_ok += date_ok;
  score->all_ok += title_ok && count_ok && link_ok && date_ok;
}

static void
collect_fixtures (const char *dir,
                  GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_fixtures (path, out);
      else if (!g_str_has_suffix (name, ".serde.json") &&
               (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".json")))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static double
percent (guint part,
         guint whole)
{
  return whole > 0 ? 100.0 * part / whole : 0.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *corpora = NULL;
  g_autofree char *fixtures = NULL;
  const char *env = g_getenv ("TRIPTYCH_CORPORA");
  Score score = { 0 };

  verbose = argc > 1 && g_str_equal (argv[1], "-v");

  if (env != NULL && *env != '\0')
    corpora = g_strdup (env);
  else
    corpora = g_build_filename (SOURCE_ROOT, "..", "shared", "corpora", NULL);
  fixtures = g_build_filename (corpora, "feed-rs", "fixture", NULL);
  if (!g_file_test (fixtures, G_FILE_TEST_IS_DIR))
    {
      printf ("feed accuracy: skipped, no corpus at %s\n", fixtures);
      return 77;
    }

  collect_fixtures (fixtures, files);
  g_ptr_array_sort (files, compare_paths);
  for (guint i = 0; i < files->len; i++)
    score_file (g_ptr_array_index (files, i), &score);

  printf ("feed accuracy over %s\n", fixtures);
  printf ("  files:             %u (%u with expected output, %u without)\n",
          score.files, score.with_expected, score.files - score.with_expected);
  printf ("  feeds parsed:      %u / %u "
          "(%.1f%%)\n", score.parsed_with_expected, score.with_expected,
          percent (score.parsed_with_expected, score.with_expected));
  printf ("  all files parsed:  %u / %u\n", score.parsed, score.files);
  printf ("  title match:       %u "
          "(%.1f%%)\n", score.title_ok, percent (score.title_ok, score.with_expected));
  printf ("  entry count match: %u "
          "(%.1f%%)\n", score.count_ok, percent (score.count_ok, score.with_expected));
  printf ("  first link match:  %u "
          "(%.1f%%)\n", score.link_ok, percent (score.link_ok, score.with_expected));
  printf ("  first date match:  %u "
          "(%.1f%%)\n", score.date_ok, percent (score.date_ok, score.with_expected));
  printf ("  all four match:    %u (%.1f%%), target 95%%\n", score.all_ok,
          percent (score.all_ok, score.with_expected));
  if (score.parsed_with_expected < score.with_expected || percent (score.all_ok, score.with_expected) < 95.0)
    return 1;
  return 0;
}
