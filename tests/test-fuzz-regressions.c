/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fuzz-regressions"

/* Every input a fuzz target ever crashed on, kept in
 * tests/data/fuzz-regressions/<target>/, fed to the same entry point under
 * the normal suite (and the suite's ASan/UBSan build). The fuzz targets'
 * sources are compiled into this test with their entry points renamed. */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <gio/gio.h>

typedef int  (*EntryFunc) (const uint8_t *data, size_t size);
typedef void (*InitFunc)  (void);

#define DECLARE_TARGET(id) \
  int  fuzz_##id##_one  (const uint8_t *data, size_t size); \
  void fuzz_##id##_init (void);

DECLARE_TARGET (text_ingest)
DECLARE_TARGET (html)
DECLARE_TARGET (feed)
DECLARE_TARGET (extract)
DECLARE_TARGET (dates)
DECLARE_TARGET (search)

typedef struct
{
  const char *name;
  EntryFunc   one;
  InitFunc    init;
  gboolean    ready;
} Target;

static Target targets[] = {
  { "fuzz-text-ingest", fuzz_text_ingest_one, fuzz_text_ingest_init, FALSE },
  { "fuzz-html", fuzz_html_one, fuzz_html_init, FALSE },
  { "fuzz-feed", fuzz_feed_one, fuzz_feed_init, FALSE },
  { "fuzz-extract", fuzz_extract_one, fuzz_extract_init, FALSE },
  { "fuzz-dates", fuzz_dates_one, fuzz_dates_init, FALSE },
  { "fuzz-search", fuzz_search_one, fuzz_search_init, FALSE },
};

/* Targets without state of their own have no init of their own: these
 * stand in for the weak default of fuzz-common.c. */
__attribute__ ((weak)) void fuzz_text_ingest_init (void) {}
__attribute__ ((weak)) void fuzz_html_init (void) {}
__attribute__ ((weak)) void fuzz_feed_init (void) {}
__attribute__ ((weak)) void fuzz_dates_init (void) {}

typedef struct
{
  Target *target;
  char   *path;
} Case;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
test_input (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (c->path, &contents, &len, &error);
  g_assert_no_error (error);
  if (!c->target->ready)
    {
      c->target->init ();
      c->target->ready = TRUE;
    }
  /* The target's own checks abort on a wrong result; returning is a pass. */
  g_assert_cmpint (c->target->one ((const uint8_t *) contents, len), ==, 0);
}

static void
test_every_target_has_a_folder (void)
{
  /* A regression folder is only ever named after a target; a typo would
   * silently drop its inputs from this test. */
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "data", "fuzz-regressions", NULL);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
        known |= g_str_equal (name, targets[i].name);
      if (!known)
        g_error ("tests/data/fuzz-regressions/%s is not named after a fuzz target", name);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);

  g_test_add_func ("/fuzz-regressions/folders", test_every_target_has_a_folder);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "fuzz-regressions",
                                                         targets[i].name, NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        {
          Case *c = g_new0 (Case, 1);
          g_autofree char *test_path = NULL;

          c->target = &targets[i];
          c->path = g_build_filename (dir_path, g_ptr_array_index (names, j), NULL);
          test_path = g_strdup_printf ("/fuzz-regressions/%s/%s", targets[i].name,
                                       (char *) g_ptr_array_index (names, j));
          g_test_add_data_func_full (test_path, c, test_input, NULL);
        }
    }

  return g_test_run ();
}
