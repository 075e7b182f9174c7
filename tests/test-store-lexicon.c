/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-lexicon"

#include "config.h"

#include <json-glib/json-glib.h>

#include "tp-extractor.h"
#include "tp-store-private.h"
#include "test-cli-util.h"
#include "test-store-util.h"

/* The actors' gender in the library's copy of the lexicon (schema 7): it
 * is seeded from the default lexicon, saved and read back, and an article
 * imported into a library is attributed as `triptych-cli extract` (the
 * built-in lexicon) attributes it, "ông"/"bà", "he"/"she" included. */

/* Auxiliary methods */

static TpGender
actor_gender (TpLexicon  *lexicon,
              const char *key)
{
  const TpLexiconActor *actor = tp_lexicon_lookup_actor (lexicon, key);

  g_assert_nonnull (actor);
  return actor->gender;
}

static TpLexicon *
load_lexicon (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = tp_store_open (path, &error);
  TpLexicon *lexicon;

  g_assert_no_error (error);
  lexicon = tp_store_load_lexicon (store, &error);
  g_assert_no_error (error);
  return lexicon;
}

/* Runs triptych-cli with the NULL-terminated arguments and expects it to
 * succeed. */
static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  run_cli_va (run, NULL, first, args);
  va_end (args);
  if (!g_spawn_check_wait_status (run->status, NULL))
    g_test_message ("triptych-cli %s: %s", first, run->err);
  g_assert_true (g_spawn_check_wait_status (run->status, NULL));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* One line per statement, what attribution decides, sorted: the text, its
 * kind, the speaker as written, the actor and the side. */
static char *
describe (const char *kind,
          const char *text,
          const char *speaker,
          const char *actor,
          const char *side)
{
  return g_strdup_printf ("%s | %s | %s | %s | %s", text, kind, speaker ? speaker : "-",
                          actor ? actor : "-", side ? side : "-");
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_sorted (GPtrArray *lines)
{
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static char *
describe_json (JsonArray *statements)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonObject *s = json_array_get_object_element (statements, i);

      g_ptr_array_add (lines, describe (json_object_get_string_member (s, "kind"),
                                        json_object_get_string_member (s, "text"),
                                        json_object_get_string_member_with_default (s, "speaker", NULL),
                                        json_object_get_string_member_with_default (s, "actor", NULL),
                                        json_object_get_string_member_with_default (s, "side", NULL)));
    }
  return join_sorted (lines);
}

static char *
describe_statements (GPtrArray *statements)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < statements->len; i++)
    {
      TpStatement *s = g_ptr_array_index (statements, i);

      g_ptr_array_add (lines, describe (tp_statement_kind_to_string (s->kind), s->text, s->speaker,
                                        s->actor, s->side));
    }
  return join_sorted (lines);
}

/* Tests */

/* A new library holds the gender of every actor of the default lexicon. */
static void
test_seeded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpLexicon) defaults = tp_lexicon_new_default (&error);
  g_autoptr(TpLexicon) lexicon = NULL;
  GPtrArray *actors;
  guint n_female = 0, n_male = 0;
  TestLibrary lib;

  g_assert_no_error (error);
  test_library_init (&lib);
  lexicon = load_lexicon (lib.path);

  actors = tp_lexicon_get_actors (defaults);
  for (guint i = 0; i < actors->len; i++)
    {
      const TpLexiconActor *actor = g_ptr_array_index (actors, i);

      g_assert_cmpint (actor_gender (lexicon, actor->key), ==, actor->gender);
      n_female += actor->gender == TP_GENDER_FEMALE;
      n_male += actor->gender == TP_GENDER_MALE;
    }
  /* The comparison is worth something only if both genders are there. */
  g_assert_cmpuint (n_female, >, 0);
  g_assert_cmpuint (n_male, >, 0);
  g_assert_cmpint (actor_gender (lexicon, "zakharova"), ==, TP_GENDER_FEMALE);
  g_assert_cmpint (actor_gender (lexicon, "lavrov"), ==, TP_GENDER_MALE);

  test_library_clear (&lib);
}

/* Saved, read back from the file by another store, kept by an update of
 * the actor's other fields, set back to unknown. */
static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(TpLexicon) imported = tp_lexicon_new ();
  TestLibrary lib;

  test_library_init (&lib);
  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);

  g_assert_true (tp_store_save_actor (store, "olena-hrytsenko", "Olena Hrytsenko", "kyiv",
                                      TP_ACTOR_PERSON, "Test spokeswoman", &error));
  g_assert_no_error (error);
  g_assert_true (tp_store_save_actor (store, "test-envoy", "Test Envoy", NULL,
                                      TP_ACTOR_PERSON, NULL, &error));
  g_assert_no_error (error);
  lexicon = load_lexicon (lib.path);
  /* A new actor's gender is unknown until it is set. */
  g_assert_cmpint (actor_gender (lexicon, "olena-hrytsenko"), ==, TP_GENDER_UNKNOWN);
  g_clear_object (&lexicon);

  g_assert_true (tp_store_set_actor_gender (store, "olena-hrytsenko", TP_GENDER_FEMALE, &error));
  g_assert_no_error (error);
  g_assert_true (tp_store_set_actor_gender (store, "test-envoy", TP_GENDER_MALE, &error));
  g_assert_no_error (error);
  /* Stored as the lexicon files write it. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (_tp_store_get_db (store),
                                         "SELECT gender FROM actor WHERE key = 'olena-hrytsenko'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "female");
    sqlite3_finalize (stmt);
  }
  g_clear_object (&store);

  lexicon = load_lexicon (lib.path);
  g_assert_cmpint (actor_gender (lexicon, "olena-hrytsenko"), ==, TP_GENDER_FEMALE);
  g_assert_cmpint (actor_gender (lexicon, "test-envoy"), ==, TP_GENDER_MALE);
  g_clear_object (&lexicon);

  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  /* Renaming the actor keeps the gender. */
  g_assert_true (tp_store_save_actor (store, "olena-hrytsenko", "Olena Hrytsenko-Bondar", "kyiv",
                                      TP_ACTOR_PERSON, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tp_store_set_actor_gender (store, "test-envoy", TP_GENDER_UNKNOWN, &error));
  g_assert_no_error (error);

  /* No such actor. */
  g_assert_false (tp_store_set_actor_gender (store, "nobody", TP_GENDER_MALE, &error));
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A lexicon imported into the library brings its genders. */
  tp_lexicon_add_actor (imported, "imported-minister", "Imported Minister", "washington",
                        TP_ACTOR_PERSON, NULL);
  tp_lexicon_set_actor_gender (imported, "imported-minister", TP_GENDER_FEMALE);
  g_assert_true (tp_store_import_lexicon (store, imported, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  lexicon = load_lexicon (lib.path);
  g_assert_cmpstr (tp_lexicon_lookup_actor (lexicon, "olena-hrytsenko")->name, ==,
                   "Olena Hrytsenko-Bondar");
  g_assert_cmpint (actor_gender (lexicon, "olena-hrytsenko"), ==, TP_GENDER_FEMALE);
  g_assert_cmpint (actor_gender (lexicon, "test-envoy"), ==, TP_GENDER_UNKNOWN);
  g_assert_cmpint (actor_gender (lexicon, "imported-minister"), ==, TP_GENDER_FEMALE);
  /* The seeded actors are untouched. */
  g_assert_cmpint (actor_gender (lexicon, "zakharova"), ==, TP_GENDER_FEMALE);

  test_library_clear (&lib);
}

typedef struct
{
  const char *sample;        /* in tests/data/store/ */
  guint       from_version;  /* library made at this version first; 0: none */
} ImportCase;

/* `triptych-cli import` analyses with the library's lexicon; the
 * statements it stores are attributed as `triptych-cli extract`, with the
 * built-in lexicon, attributes them. From a library made before schema 7,
 * whose lexicon had no genders (the attribution differed then), the import
 * upgrades it first. */
static void
test_import_like_extract (gconstpointer data)
{
  const ImportCase *c = data;
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "data", "store", c->sample, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) extracted = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *root;
  TestLibrary lib;

  test_library_init (&lib);

  run_cli (&run, "extract", "--format", "json", sample, NULL);
  extracted = parse_json (run.out);
  root = json_node_get_object (extracted);
  expected = describe_json (json_object_get_array_member (root, "statements"));
  /* The sample quotes both speakers through a pronoun or honorific. */
  g_assert_nonnull (strstr (expected, "Sergei Lavrov"));
  g_assert_nonnull (strstr (expected, "Maria Zakharova"));

  if (c->from_version > 0)
    {
      g_autoptr(TpStore) old = _tp_store_open_full (lib.path, c->from_version, &error);
      g_autoptr(TpLexicon) lexicon = NULL;
      g_autoptr(TpExtractor) extractor = NULL;
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autofree char *before = NULL;

      g_assert_no_error (error);
      lexicon = tp_store_load_lexicon (old, &error);
      g_assert_no_error (error);
      g_assert_cmpint (actor_gender (lexicon, "zakharova"), ==, TP_GENDER_UNKNOWN);

      /* What the library's lexicon made of the sample before schema 7. */
      article = make_article (json_object_get_string_member (root, "title"), NULL, NULL,
                              json_object_get_string_member (root, "language"), NULL,
                              json_object_get_string_member (root, "body"));
      extractor = tp_extractor_new (lexicon);
      statements = tp_extractor_run (extractor, article);
      before = describe_statements (statements);
      g_assert_cmpstr (before, !=, expected);
    }

  run_cli (&run, "--db", lib.path, "import", sample, NULL);
  run_cli (&run, "--db", lib.path, "statements", "--format", "json", NULL);
  stored = parse_json (run.out);
  actual = describe_json (json_node_get_array (stored));
  g_assert_cmpstr (actual, ==, expected);

  {
    g_autoptr(TpStore) store = tp_store_open (lib.path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (tp_store_get_schema_version (store), ==, TP_STORE_SCHEMA_VERSION);
  }

  test_library_clear (&lib);
}

int
main (int   argc,
      char *argv[])
{
  static const ImportCase import_cases[] = {
    { "gender-vi.txt", 0 },
    { "gender-en.txt", 0 },
    { "gender-vi.txt", 6 },
    { "gender-en.txt", 6 },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/lexicon/gender/seeded", test_seeded);
  g_test_add_func ("/store/lexicon/gender/round-trip", test_round_trip);
  for (guint i = 0; i < G_N_ELEMENTS (import_cases); i++)
    {
      const ImportCase *c = &import_cases[i];
      g_autofree char *path = NULL;

      if (c->from_version > 0)
        path = g_strdup_printf ("/store/lexicon/gender/import-%s-from-v%u", c->sample,
                                c->from_version);
      else
        path = g_strdup_printf ("/store/lexicon/gender/import-%s", c->sample);
      g_test_add_data_func (path, c, test_import_like_extract);
    }

  return g_test_run ();
}
