/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "tp-cli.h"
#include "tp-cli-import.h"
#include "tp-comparison.h"
#include "tp-report-writer.h"
#include "tp-extractor.h"
#include "tp-store-private.h"

/* `triptych-cli bench [--scale N]`: a synthetic corpus generated here —
 * Vietnamese and English articles in the shape of wire copy, with direct,
 * reported and mixed quotes by officials of the three sides — measured
 * through the real extractor and store:
 *
 *   extraction   tp_extractor_run() on one core, MB of body text per second
 *   import       generation and extraction on one worker thread per core
 *                and tp_store_add_article() (FTS) on this one, committed
 *                in batches by the rule `import` follows (the same
 *                TpCliPipeline, TP_CLI_IMPORT_BATCH_SIZE articles or
 *                TP_CLI_IMPORT_BATCH_SECONDS), articles per second at 10k
 *                and at N
 *   compare      tp_comparison_new() as the Compare view asks for it (20
 *                statements per cell, with tags and notes) under several
 *                filter sets
 *   search       tp_store_search() newest-first, 20 hits, over many queries
 *   bare SQLite  the same rows inserted into plain tables, as reference
 *
 * The corpus depends only on the seed, so runs are comparable. Each time
 * is given as wall-clock time and as the CPU time of this process: on a
 * shared machine the wall clock also counts the time other programs had
 * the cores. */

#define SEED 20220224
#define CHECKPOINT 10000

typedef struct
{
  const char *side;
  const char *vi_full;
  const char *vi_short;
  const char *en_full;
  const char *en_short;
} Speaker;

static const Speaker speakers[] = {
  { "moscow", "Người phát ngôn Điện Kremlin Dmitry Peskov", "ông Peskov",
    "Kremlin spokesman Dmitry Peskov", "Peskov" },
  { "moscow", "Ngoại trưởng Nga Sergei Lavrov", "ông Lavrov",
    "Russian Foreign Minister Sergei Lavrov", "Lavrov" },
  { "moscow", "Tổng thống Nga Vladimir Putin", "ông Putin",
    "Russian President Vladimir Putin", "Putin" },
  { "moscow", "Người phát ngôn Bộ Ngoại giao Nga Maria Zakharova", "bà Zakharova",
    "Russian Foreign Ministry spokeswoman Maria Zakharova", "Zakharova" },
  { "washington", "Ngoại trưởng Mỹ Marco Rubio", "ông Rubio",
    "US Secretary of State Marco Rubio", "Rubio" },
  { "washington", "Tổng thống Mỹ Donald Trump", "ông Trump",
    "US President Donald Trump", "Trump" },
  { "washington", "Đặc phái viên Mỹ Steve Witkoff", "ông Witkoff",
    "US envoy Steve Witkoff", "Witkoff" },
  { "kyiv", "Tổng thống Ukraine Volodymyr Zelensky", "ông Zelensky",
    "Ukrainian President Volodymyr Zelensky", "Zelensky" },
  { "kyiv", "Ngoại trưởng Ukraine Andrii Sybiha", "ông Sybiha",
    "Ukrainian Foreign Minister Andrii Sybiha", "Sybiha" },
  { "kyiv", "Cố vấn Tổng thống Ukraine Mykhailo Podolyak", "ông Podolyak",
    "Ukrainian presidential adviser Mykhailo Podolyak", "Podolyak" },
};

static const char * const vi_words[] = {
  "đàm phán", "ngừng bắn", "lãnh thổ", "hòa bình", "hoà bình", "an ninh", "viện trợ",
  "quân sự", "trừng phạt", "tù binh", "trao đổi", "năng lượng", "hạt nhân", "nhà máy",
  "điện", "khí đốt", "biên giới", "mặt trận", "chiến sự", "xung đột", "thỏa thuận",
  "đảm bảo", "châu Âu", "phương Tây", "NATO", "trung lập", "chủ quyền", "khu vực",
  "miền đông", "Donbass", "Crimea", "Zaporizhzhia", "Kherson", "Kharkiv", "Moskva", "Kiev",
  "Washington", "Điện Kremlin", "Nhà Trắng", "Lầu Năm Góc", "quan chức", "phái đoàn",
  "cuộc gặp", "hội nghị", "thượng đỉnh", "đề xuất", "kế hoạch", "điều kiện", "yêu cầu",
  "lệnh", "tấn công", "phòng không", "tên lửa", "máy bay", "không người lái", "binh sĩ",
  "thương vong", "dân thường", "người tị nạn", "tái thiết", "kinh tế", "ngân sách",
  "xuất khẩu", "ngũ cốc", "cảng", "Biển Đen", "tuần tới", "hôm nay", "gần đây", "tiếp tục",
  "sẵn sàng", "không thể", "cần phải", "quan trọng", "nghiêm túc", "lâu dài", "công bằng",
  "nhanh chóng", "chính thức", "các bên", "hai nước", "cộng đồng", "quốc tế", "Liên Hợp Quốc",
  "giải pháp", "ngoại giao", "chính trị", "lập trường", "thực tế", "trên thực địa",
};

static const char * const en_words[] = {
  "negotiations", "ceasefire", "territory", "peace", "security", "aid", "military",
  "sanctions", "prisoners", "exchange", "energy", "nuclear", "plant", "power", "gas",
  "border", "front", "fighting", "conflict", "agreement", "guarantees", "Europe", "the West",
  "NATO", "neutrality", "sovereignty", "region", "eastern", "Donbas", "Crimea",
  "Zaporizhzhia", "Kherson", "Kharkiv", "Moscow", "Kyiv", "Washington", "the Kremlin",
  "the White House", "the Pentagon", "officials", "delegation", "meeting", "summit",
  "proposal", "plan", "conditions", "demands", "order", "strikes", "air defence", "missiles",
  "aircraft", "drones", "troops", "casualties", "civilians", "refugees", "reconstruction",
  "economy", "budget", "exports", "grain", "ports", "Black Sea", "next week", "today",
  "recently", "continue", "ready", "cannot", "must", "important", "serious", "lasting",
  "fair", "quickly", "officially", "both sides", "two countries", "community",
  "international", "United Nations", "solution", "diplomacy", "political", "position",
  "reality", "on the ground", "talks", "would", "will", "the", "of", "and", "to", "in",
};

static const char * const outlets[] = {
  "VTC News (sample)", "Dân trí (sample)", "VnExpress (sample)", "Sample Wire",
  "Reuters (sample)", "Thanh Niên (sample)",
};

typedef struct
{
  GRand *rand;
} Generator;

/* Auxiliary methods */

static const char *
pick (Generator          *gen,
      const char * const *words,
      guint               n)
{
  return words[g_rand_int_range (gen->rand, 0, (gint32) n)];
}

static void
append_words (Generator *gen,
              GString   *out,
              gboolean   vi,
              guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      if (vi)
        g_string_append (out, pick (gen, vi_words, G_N_ELEMENTS (vi_words)));
      else
        g_string_append (out, pick (gen, en_words, G_N_ELEMENTS (en_words)));
    }
}

static void
append_sentence (Generator *gen,
                 GString   *out,
                 gboolean   vi)
{
  gsize start = out->len;

  append_words (gen, out, vi, (guint) g_rand_int_range (gen->rand, 8, 22));
  /* Capitalise the first letter (ASCII or not). */
  {
    gunichar c = g_utf8_get_char (out->str + start);
    char buf[8];
    int len = g_unichar_to_utf8 (g_unichar_toupper (c), buf);
    int old_len = (int) (g_utf8_next_char (out->str + start) - (out->str + start));

    g_string_erase (out, (gssize) start, old_len);
    g_string_insert_len (out, (gssize) start, buf, len);
  }
  g_string_append_c (out, '.');
}

static void
append_quote (Generator *gen,
              GString   *out,
              gboolean   vi)
{
  const Speaker *sp = &speakers[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (speakers))];
  g_autoptr(GString) said = g_string_new (NULL);

  append_words (gen, said, vi, (guint) g_rand_int_range (gen->rand, 6, 18));

  switch (g_rand_int_range (gen->rand, 0, 4))
    {
    case 0:
      if (vi)
        g_string_append_printf (out, "“%s”, %s nói.", said->str, sp->vi_short);
      else
        g_string_append_printf (out, "\"%s,\" %s said.", said->str, sp->en_short);
      break;
    case 1:
      if (vi)
        g_string_append_printf (out, "%s cho biết %s.", sp->vi_full, said->str);
      else
        g_string_append_printf (out, "%s said %s.", sp->en_full, said->str);
      break;
    case 2:
      if (vi)
        g_string_append_printf (out, "Theo %s, %s.", sp->vi_full, said->str);
      else
        g_string_append_printf (out, "According to %s, %s.", sp->en_full, said->str);
      break;
    default:
      if (vi)
        g_string_append_printf (out, "%s khẳng định: “%s”.", sp->vi_full, said->str);
      else
        g_string_append_printf (out, "%s told reporters: \"%s.\"", sp->en_full, said->str);
      break;
    }
}

/* Article @i of the corpus; the same @i always gives the same article. */
static TpArticle *
generate_article (Generator *gen,
                  guint      i)
{
  TpArticle *article = tp_article_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GDate) date = g_date_new_dmy (24, G_DATE_FEBRUARY, 2022);
  gboolean vi;
  guint n_paragraphs;
  char iso[16];

  g_rand_set_seed (gen->rand, SEED + i);
  vi = g_rand_int_range (gen->rand, 0, 10) < 6;
  n_paragraphs = (guint) g_rand_int_range (gen->rand, 5, 10);

  for (guint p = 0; p < n_paragraphs; p++)
    {
      guint n_sentences = (guint) g_rand_int_range (gen->rand, 1, 4);

      if (p > 0)
        g_string_append_c (body, '\n');
      for (guint s = 0; s < n_sentences; s++)
        {
          if (s > 0)
            g_string_append_c (body, ' ');
          if (g_rand_int_range (gen->rand, 0, 3) == 0)
            append_quote (gen, body, vi);
          else
            append_sentence (gen, body, vi);
        }
    }

  append_words (gen, title, vi, (guint) g_rand_int_range (gen->rand, 5, 10));
  g_date_add_days (date, (guint) g_rand_int_range (gen->rand, 0, 1400));
  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", date);

  article->title = g_string_free (g_steal_pointer (&title), FALSE);
  article->outlet = g_strdup (pick (gen, outlets, G_N_ELEMENTS (outlets)));
  article->language = g_strdup (vi ? "vi" : "en");
  article->published = g_strdup (iso);
  article->url = g_strdup_printf ("https://bench.example.org/article/%u", i);
  article->origin = TP_ORIGIN_URL;
  /* Set directly: the import loop computes the content hash, as ingest
   * does, inside the timed part. */
  article->body = g_string_free (g_steal_pointer (&body), FALSE);
  return article;
}

/* The pipeline's loader: article @index, on a worker thread, with the
 * content hash ingest would compute. */
static TpArticle *
load_generated (guint      index,
                gpointer   user_data,
                GError   **error)
{
  Generator gen = { g_rand_new () };
  TpArticle *article = generate_article (&gen, index);

  article->content_hash = tp_article_compute_hash (article->body);
  g_rand_free (gen.rand);
  return article;
}

static gint64
thread_cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint idx;

  if (sorted->len == 0)
    return 0;
  idx = (guint) (p * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, MIN (idx, sorted->len - 1));
}

/* Queries journalists type: words with and without diacritics, pairs,
 * names, and words still being typed (prefixes). */
static GPtrArray *
make_queries (guint n)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);

  for (guint i = 0; i < n; i++)
    {
      gboolean vi = g_rand_boolean (rand);
      const char *a = vi ? vi_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (vi_words))]
                         : en_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (en_words))];
      const char *b = vi ? vi_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (vi_words))]
                         : en_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (en_words))];
      const Speaker *sp = &speakers[g_rand_int_range (rand, 0, G_N_ELEMENTS (speakers))];

      switch (i % 5)
        {
        case 0:
          g_ptr_array_add (queries, g_strdup (a));
          break;
        case 1:
          g_ptr_array_add (queries, g_strdup_printf ("%s %s", a, b));
          break;
        case 2:
          {
            /* Typed without diacritics, as on a phone. */
            g_autofree char *folded = g_utf8_normalize (a, -1, G_NORMALIZE_NFD);
            GString *plain = g_string_new (NULL);

            for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
              {
                gunichar c = g_utf8_get_char (p);

                if (g_unichar_combining_class (c) != 0)
                  continue;
                if (c == 0x0111 || c == 0x0110)
                  c = 'd';
                g_string_append_unichar (plain, c);
              }
            g_ptr_array_add (queries, g_string_free (plain, FALSE));
            break;
          }
        case 3:
          g_ptr_array_add (queries, g_strdup (sp->en_short));
          break;
        default:
          {
            /* Half-typed: the first three characters or more. */
            glong len = g_utf8_strlen (b, -1);
            glong cut = MAX (3, len / 2 + 1);

            g_ptr_array_add (queries, g_utf8_substring (b, 0, MIN (cut, len)));
            break;
          }
        }
    }
  return queries;
}

/* Times each filter set of the Compare view COMPARE_RUNS times. */
#define COMPARE_RUNS 3

static gboolean
bench_compare (TpStore   *store,
               gboolean   verbose,
               GArray    *wall,
               GArray    *cpu,
               GError   **error)
{
  static const char * const names[] = {
    "every status", "default", "a year", "a month", "one outlet", "one language",
    "two sides, two topics",
  };
  static const char * const one_outlet[] = { "Reuters (sample)", NULL };
  static const char * const one_language[] = { "en", NULL };
  static const char * const two_sides[] = { "moscow", "kyiv", NULL };
  static const char * const two_topics[] = { "negotiations", "ceasefire", NULL };
  const guint any_status = TP_REVIEW_MASK (TP_REVIEW_AUTO) | TP_REVIEW_MASK (TP_REVIEW_CONFIRMED)
                           | TP_REVIEW_MASK (TP_REVIEW_EDITED) | TP_REVIEW_MASK (TP_REVIEW_REJECTED);
  TpComparisonFilter filters[G_N_ELEMENTS (names)];

  memset (filters, 0, sizeof filters);
  /* As the view opens: every status (what the GUI asks), then the store's
   * default (all but rejected), a year, a month, one outlet, one
   * language, two sides and two topics. */
  filters[0].review_mask = any_status;
  filters[2].date_from = "2024-01-01";
  filters[2].date_until = "2024-12-31";
  filters[3].date_from = "2025-03-01";
  filters[3].date_until = "2025-03-31";
  filters[4].outlets = one_outlet;
  filters[5].languages = one_language;
  filters[6].sides = two_sides;
  filters[6].topics = two_topics;
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      filters[f].max_per_cell = 20;
      filters[f].with_annotations = TRUE;
      double best = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;

      for (guint r = 0; r < COMPARE_RUNS; r++)
        {
          g_autoptr(TpComparison) comparison = NULL;
          gint64 t0 = g_get_monotonic_time ();
          gint64 c0 = cpu_now ();
          double ms, cpu_ms;

          comparison = tp_comparison_new (store, &filters[f], error);
          if (comparison == NULL)
            return FALSE;
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          cpu_ms = (cpu_now () - c0) / 1000.0;
          g_array_append_val (wall, ms);
          g_array_append_val (cpu, cpu_ms);
          best = MIN (best, ms);
          best_cpu = MIN (best_cpu, cpu_ms);
        }
      if (verbose)
        printf ("compare, %-24s %8.1f ms (cpu %.1f ms)\n", names[f], best, best_cpu);
    }
  g_array_sort (wall, compare_doubles);
  g_array_sort (cpu, compare_doubles);
  return TRUE;
}

static void
row (const char *what,
     const char *value,
     const char *target)
{
  const char *t = target ? target : "";

  /* Padded by characters, not bytes: a Vietnamese query in a cell. */
  printf ("| %s%*s | %*s%s | %s%*s |\n",
          what, MAX (0, 44 - (int) g_utf8_strlen (what, -1)), "",
          MAX (0, 30 - (int) g_utf8_strlen (value, -1)), "", value,
          t, MAX (0, 14 - (int) g_utf8_strlen (t, -1)), "");
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return st.st_size;
}

static void
remove_library (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

/* Peak resident memory, in MB, of this process or of its waited-for
 * children. */
static double
peak_rss_mb (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return 0;
  return usage.ru_maxrss / 1024.0;
}

/* Times of the GUI's cold starts on one library. */
#define GUI_RUNS 5

typedef struct
{
  GArray *first_frame_ms;  /* spawn to the first drawn page, sorted */
  GArray *exit_ms;         /* spawn to exit, sorted */
  GArray *main_cpu_ms;     /* CPU time of the GUI's main thread to that page, sorted */
  GArray *cpu_ms;          /* CPU time of the whole GUI process to that page, sorted */
  double  rss_mb;          /* the largest peak RSS */
} GuiTimes;

static void
gui_times_clear (GuiTimes *times)
{
  g_clear_pointer (&times->first_frame_ms, g_array_unref);
  g_clear_pointer (&times->exit_ms, g_array_unref);
  g_clear_pointer (&times->main_cpu_ms, g_array_unref);
  g_clear_pointer (&times->cpu_ms, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GuiTimes, gui_times_clear)

/* `triptych --library FILE --quit-after-first-frame`, GUI_RUNS times, each
 * a new process: the GUI's cold start to its first drawn page of articles
 * on this library, from spawn to the moment the GUI reports that page
 * painted ("first-frame-monotonic-us", on the system's monotonic clock),
 * and to its exit. Returns a description of why it could not be measured,
 * or NULL. */
static char *
time_gui_cold_start (const char *lib_path,
                     GuiTimes   *times)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *self_dir = self_exe ? g_path_get_dirname (self_exe) : NULL;
  g_autofree char *gui = self_dir ? g_build_filename (self_dir, "..", "ui", "triptych", NULL) : NULL;
  g_autofree char *help = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  int status = 0;

  times->first_frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  times->exit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  times->main_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  times->cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  times->rss_mb = 0;
  if (gui == NULL || !g_file_test (gui, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_free (gui);
      gui = g_find_program_in_path ("triptych");
    }
  if (gui == NULL)
    return g_strdup ("not measured: no triptych binary (built with -Dgui=false?)");
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return g_strdup ("not measured: no display");
  {
    const char *argv[] = { gui, "--help-all", NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                       &help, NULL, &status, NULL) || help == NULL
        || strstr (help, "--quit-after-first-frame") == NULL)
      return g_strdup ("not measured: triptych has no --quit-after-first-frame");
  }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  if (self_dir != NULL)
    {
      /* A GUI from the build tree reads the settings schema compiled there,
       * as tools/run.sh arranges. */
      g_autofree char *schemas = g_build_filename (self_dir, "..", "..", "data", NULL);
      g_autofree char *compiled = g_build_filename (schemas, "gschemas.compiled", NULL);

      if (g_file_test (compiled, G_FILE_TEST_IS_REGULAR) && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
        g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }

  /* The benchmark's own writes (a library of a gigabyte just generated)
   * reach the disk first: timed while the kernel flushes them, start-up
   * measured the flush as much as the GUI. */
  sync ();
  for (guint run = 0; run < GUI_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) proc = NULL;
      g_autofree char *out = NULL;
      const char *mark;
      gint64 t0 = g_get_monotonic_time ();
      gint64 painted, main_cpu, cpu;
      double ms;

      proc = g_subprocess_launcher_spawn (launcher, &error, gui, "--library", lib_path,
                                          "--quit-after-first-frame", NULL);
      if (proc == NULL || !g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error))
        return g_strdup_printf ("not measured: %s", error->message);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (times->exit_ms, ms);
      if (!g_subprocess_get_successful (proc))
        return g_strdup_printf ("not measured: triptych exited with status %d",
                                g_subprocess_get_status (proc));
      mark = out != NULL ? strstr (out, "first-frame-monotonic-us ") : NULL;
      if (mark == NULL
          || sscanf (mark, "first-frame-monotonic-us %" G_GINT64_FORMAT " main-thread-cpu-us %"
                     G_GINT64_FORMAT " process-cpu-us %" G_GINT64_FORMAT,
                     &painted, &main_cpu, &cpu) != 3
          || painted < t0)
        return g_strdup ("not measured: triptych did not report its first frame");
      ms = (painted - t0) / 1000.0;
      g_array_append_val (times->first_frame_ms, ms);
      ms = main_cpu / 1000.0;
      g_array_append_val (times->main_cpu_ms, ms);
      ms = cpu / 1000.0;
      g_array_append_val (times->cpu_ms, ms);
    }
  g_array_sort (times->first_frame_ms, compare_doubles);
  g_array_sort (times->exit_ms, compare_doubles);
  g_array_sort (times->main_cpu_ms, compare_doubles);
  g_array_sort (times->cpu_ms, compare_doubles);
  times->rss_mb = peak_rss_mb (RUSAGE_CHILDREN);
  return NULL;
}

/* The GUI rows of the benchmark's table. */
static void
print_gui_rows (const char *lib_path)
{
  g_auto(GuiTimes) times = { 0 };
  g_autofree char *missing = time_gui_cold_start (lib_path, &times);
  char buf[80];

  if (missing != NULL)
    {
      row ("GUI cold start to the first drawn page", missing, "<= 1 s");
      return;
    }
  g_snprintf (buf, sizeof buf, "%.0f ms (%.0f–%.0f, %u runs)",
              percentile (times.first_frame_ms, 0.5),
              g_array_index (times.first_frame_ms, double, 0),
              g_array_index (times.first_frame_ms, double, times.first_frame_ms->len - 1),
              times.first_frame_ms->len);
  row ("GUI cold start to the first drawn page", buf, "<= 1 s");
  g_snprintf (buf, sizeof buf, "%.0f ms / %.0f ms", percentile (times.main_cpu_ms, 0.5),
              percentile (times.cpu_ms, 0.5));
  row ("  cpu time to that page: main thread / all", buf, NULL);
  g_snprintf (buf, sizeof buf, "%.0f ms", percentile (times.exit_ms, 0.5));
  row ("  the same process, until it has quit", buf, NULL);
  g_snprintf (buf, sizeof buf, "%.0f MB", times.rss_mb);
  row ("  peak RSS of the GUI", buf, "<= 300 MB");
}

/* `bench --library FILE [--query Q]...`: searches only, on a library
 * that exists (one kept with --keep, or a journalist's own). */
static int
bench_library (const char         *path,
               const char * const *only,
               guint               n_queries)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return tp_cli_fail (_("bench: there is no library at %s"), path);
  store = tp_store_open (path, &error);
  if (store == NULL)
    return tp_cli_fail_error ("bench", error);

  if (only != NULL)
    {
      queries = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; only[i] != NULL; i++)
        g_ptr_array_add (queries, g_strdup (only[i]));
    }
  else
    queries = make_queries (n_queries);

  for (guint q = 0; q < queries->len; q++)
    {
      const char *query = g_ptr_array_index (queries, q);
      double best_cpu = G_MAXDOUBLE, best_wall = G_MAXDOUBLE;
      guint n_hits = 0;

      /* The best of three runs when timing chosen queries. */
      for (guint r = 0; r < (only != NULL ? 3u : 1u); r++)
        {
          g_autoptr(GPtrArray) hits = NULL;
          gint64 t0 = g_get_monotonic_time ();
          gint64 c0 = cpu_now ();

          hits = tp_store_search (store, query, TP_SEARCH_ARTICLES, TP_SEARCH_NEWEST, 0, 20,
                                  &error);
          if (hits == NULL)
            return tp_cli_fail_error ("bench", error);
          best_cpu = MIN (best_cpu, (cpu_now () - c0) / 1000.0);
          best_wall = MIN (best_wall, (g_get_monotonic_time () - t0) / 1000.0);
          n_hits = hits->len;
        }
      if (only != NULL)
        printf ("%-30s %3u hits  %8.2f ms (cpu %.2f ms)\n", query, n_hits, best_wall, best_cpu);
      g_array_append_val (cpu, best_cpu);
      g_array_append_val (wall, best_wall);
    }

  g_array_sort (cpu, compare_doubles);
  g_array_sort (wall, compare_doubles);
  printf ("search articles, newest 20, %u queries: p50 %.2f ms, p99 %.2f ms "
          "(cpu p50 %.2f ms, p99 %.2f ms)\n", queries->len,
          percentile (wall, 0.5), percentile (wall, 0.99),
          percentile (cpu, 0.5), percentile (cpu, 0.99));

  if (only == NULL)
    {
      g_autoptr(GArray) compare_wall = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) compare_cpu = g_array_new (FALSE, FALSE, sizeof (double));

      if (!bench_compare (store, TRUE, compare_wall, compare_cpu, &error))
        return tp_cli_fail_error ("bench", error);
      printf ("compare view, %u filter sets: p50 %.1f ms, p99 %.1f ms "
              "(cpu p50 %.1f ms, p99 %.1f ms)\n", compare_wall->len / COMPARE_RUNS,
              percentile (compare_wall, 0.5), percentile (compare_wall, 0.99),
              percentile (compare_cpu, 0.5), percentile (compare_cpu, 0.99));
      g_clear_object (&store);
      print_gui_rows (path);
    }
  return 0;
}

/* Public API */



int
tp_cli_bench (int         argc,
              char      **argv,
              const char *db_path)
{
  int scale = 10000;
  int n_queries = 2000;
  gboolean keep = FALSE;
  g_autofree char *library = NULL;
  g_auto(GStrv) only_queries = NULL;
  GOptionEntry entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, N_("Only time searches, on this existing library"), "FILE" },
    { "query", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only_queries, N_("With --library: time this query (repeatable)"), "QUERY" },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_("Articles to import (default 10000)"), "N" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &n_queries, N_("Search queries to time (default 2000)"), "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, N_("Keep the generated library and print its path"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— measure extraction, import and search on a generated corpus"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(TpExtractor) extractor = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) latencies = NULL;
  g_autoptr(GArray) statement_latencies = NULL;
  g_autoptr(GArray) relevance_latencies = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *lib_path = NULL;
  g_autofree char *bare_path = NULL;
  Generator gen;
  guint n_extract;
  gint64 t0, extract_us = 0, import_us = 0, checkpoint_us = 0, bare_us = 0;
  gint64 batch_start = 0;
  guint batch_len = 0;
  double slowest_ms = 0;
  const char *slowest = NULL;
  gint64 c0, c1, store_cpu = 0, extract_cpu = 0, import_cpu = 0, checkpoint_cpu = 0, bare_cpu = 0;
  g_autoptr(GArray) cpu_latencies = NULL;
  g_autoptr(GArray) compare_wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) compare_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(TpCliPipeline) pipeline = NULL;
  gsize extract_bytes = 0;
  guint64 n_statements = 0;
  TpBareDb *bare;
  char buf[64];
  g_autoptr(TpComparison) comparison = NULL;
  double export_html_ms = 0, export_pdf_ms = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return tp_cli_fail_error ("bench", error);
  if (scale < 1 || scale > 10000000)
    return tp_cli_fail ("%s", _("bench: --scale takes a number of articles between 1 and 10000000"));
  if (n_queries < 1)
    return tp_cli_fail ("%s", _("bench: --queries takes a positive number"));

  if (library != NULL)
    return bench_library (library, (const char * const *) only_queries, (guint) n_queries);

  dir = g_dir_make_tmp ("triptych-bench-XXXXXX", &error);
  if (dir == NULL)
    return tp_cli_fail_error ("bench", error);
  lib_path = g_build_filename (dir, "library.db", NULL);
  bare_path = g_build_filename (dir, "bare.db", NULL);
  gen.rand = g_rand_new ();

  store = tp_store_open (lib_path, &error);
  if (store == NULL)
    return tp_cli_fail_error ("bench", error);
  lexicon = tp_store_load_lexicon (store, &error);
  if (lexicon == NULL)
    return tp_cli_fail_error ("bench", error);
  extractor = tp_extractor_new (lexicon);

  fprintf (stderr, "bench: generated corpus of %d articles in %s\n", scale, dir);

  /* 1. Extraction alone, on one core. */
  n_extract = (guint) MIN (scale, 3000);
  for (guint i = 0; i < n_extract; i++)
    {
      g_autoptr(TpArticle) article = generate_article (&gen, (guint) scale + i);
      g_autoptr(GPtrArray) statements = NULL;

      article->content_hash = tp_article_compute_hash (article->body);
      t0 = g_get_monotonic_time ();
      c0 = cpu_now ();
      statements = tp_extractor_run (extractor, article);
      extract_us += g_get_monotonic_time () - t0;
      extract_cpu += cpu_now () - c0;
      extract_bytes += strlen (article->body);
    }

  /* 2. Import: generation and analysis on the workers, storage here,
   * committed in batches. The CPU time is the whole process's (all
   * threads); tp_store_add_article()'s is this thread's. */
  t0 = g_get_monotonic_time ();
  c0 = cpu_now ();
  pipeline = tp_cli_pipeline_new ((guint) scale, load_generated, NULL, lexicon);
  for (guint i = 0; i < (guint) scale; i++)
    {
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      guint index;

      if (!tp_cli_pipeline_next (pipeline, &index, &article, &statements, &error))
        return tp_cli_fail_error ("bench", error);
      g_assert (index == i && article != NULL && statements != NULL);
      if (batch_start == 0)
        {
          if (!tp_store_begin_batch (store, &error))
            return tp_cli_fail_error ("bench", error);
          batch_start = g_get_monotonic_time ();
          batch_len = 0;
        }
      c1 = thread_cpu_now ();
      if (!tp_store_add_article (store, article, statements, NULL, &error))
        return tp_cli_fail_error ("bench", error);
      store_cpu += thread_cpu_now () - c1;
      if (++batch_len >= TP_CLI_IMPORT_BATCH_SIZE || i + 1 == (guint) scale
          || g_get_monotonic_time () - batch_start
             >= TP_CLI_IMPORT_BATCH_SECONDS * G_USEC_PER_SEC)
        {
          batch_start = 0;
          c1 = thread_cpu_now ();
          if (!tp_store_commit_batch (store, &error))
            return tp_cli_fail_error ("bench", error);
          store_cpu += thread_cpu_now () - c1;
        }
      n_statements += statements->len;
      if (i + 1 == CHECKPOINT)
        {
          checkpoint_us = g_get_monotonic_time () - t0;
          checkpoint_cpu = cpu_now () - c0;
        }
      if ((i + 1) % 10000 == 0)
        fprintf (stderr, "bench: imported %u articles (%.1f s)\n", i + 1,
                 (g_get_monotonic_time () - t0) / 1e6);
    }
  g_clear_pointer (&pipeline, tp_cli_pipeline_free);
  import_us = g_get_monotonic_time () - t0;
  import_cpu = cpu_now () - c0;

  /* 2b. The Compare view's query at that size. */
  if (!bench_compare (store, FALSE, compare_wall, compare_cpu, &error))
    return tp_cli_fail_error ("bench", error);

  /* 2c. A report of the comparison the view opens with, written as HTML
   * and as PDF. */
  {
    TpComparisonFilter filter = { 0 };

    filter.max_per_cell = 20;
    filter.with_annotations = TRUE;
    comparison = tp_comparison_new (store, &filter, &error);
    if (comparison == NULL)
      return tp_cli_fail_error ("bench", error);
  }
  for (guint f = 0; f < 2; f++)
    {
      TpReportFormat format = f == 0 ? TP_REPORT_FORMAT_HTML : TP_REPORT_FORMAT_PDF;
      g_autoptr(TpReportWriter) writer = tp_report_writer_new (format);
      g_autofree char *name = g_strconcat ("report.", tp_report_writer_get_extension (writer), NULL);
      g_autofree char *out_path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) out = g_file_new_for_path (out_path);
      TpReportOptions options = { 0 };

      options.title = "Triptych benchmark";
      options.paper = TP_REPORT_PAPER_A4;
      t0 = g_get_monotonic_time ();
      if (!tp_report_writer_write_file (writer, comparison, &options, out, NULL, &error))
        return tp_cli_fail_error ("bench", error);
      if (f == 0)
        export_html_ms = (g_get_monotonic_time () - t0) / 1000.0;
      else
        export_pdf_ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_remove (out_path);
    }
  g_clear_object (&comparison);

  /* 3. Search at that size. */
  queries = make_queries ((guint) n_queries);
  latencies = g_array_sized_new (FALSE, FALSE, sizeof (double), queries->len);
  statement_latencies = g_array_sized_new (FALSE, FALSE, sizeof (double), queries->len);
  relevance_latencies = g_array_sized_new (FALSE, FALSE, sizeof (double), queries->len);
  cpu_latencies = g_array_sized_new (FALSE, FALSE, sizeof (double), queries->len);
  for (guint q = 0; q < queries->len; q++)
    {
      const char *query = g_ptr_array_index (queries, q);
      g_autoptr(GPtrArray) hits = NULL;
      double ms, cpu_ms;

      t0 = g_get_monotonic_time ();
      c0 = cpu_now ();
      hits = tp_store_search (store, query, TP_SEARCH_ARTICLES, TP_SEARCH_NEWEST, 0, 20, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      cpu_ms = (cpu_now () - c0) / 1000.0;
      if (hits == NULL)
        return tp_cli_fail_error ("bench", error);
      g_array_append_val (latencies, ms);
      g_array_append_val (cpu_latencies, cpu_ms);
      if (cpu_ms > slowest_ms)
        {
          slowest_ms = cpu_ms;
          slowest = query;
        }
      g_clear_pointer (&hits, g_ptr_array_unref);

      t0 = g_get_monotonic_time ();
      hits = tp_store_search (store, query, TP_SEARCH_STATEMENTS, TP_SEARCH_NEWEST, 0, 20, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (hits == NULL)
        return tp_cli_fail_error ("bench", error);
      g_array_append_val (statement_latencies, ms);
      g_clear_pointer (&hits, g_ptr_array_unref);

      /* Relevance ranks every hit: measured on a tenth of the queries. */
      if (q % 10 == 0)
        {
          t0 = g_get_monotonic_time ();
          hits = tp_store_search (store, query, TP_SEARCH_ARTICLES, TP_SEARCH_RELEVANCE, 0, 20,
                                  &error);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          if (hits == NULL)
            return tp_cli_fail_error ("bench", error);
          g_array_append_val (relevance_latencies, ms);
        }
    }
  g_array_sort (latencies, compare_doubles);
  g_array_sort (statement_latencies, compare_doubles);
  g_array_sort (relevance_latencies, compare_doubles);
  g_array_sort (cpu_latencies, compare_doubles);

  /* 4. The reference: bare SQLite, same rows, no FTS. */
  bare = _tp_store_bare_open (bare_path, &error);
  if (bare == NULL)
    return tp_cli_fail_error ("bench", error);
  for (guint i = 0; i < (guint) scale; i++)
    {
      g_autoptr(TpArticle) article = generate_article (&gen, i);
      g_autoptr(GPtrArray) statements = NULL;

      article->content_hash = tp_article_compute_hash (article->body);
      article->imported = g_strdup ("2026-01-01T00:00:00Z");
      statements = tp_extractor_run (extractor, article);
      t0 = g_get_monotonic_time ();
      c0 = cpu_now ();
      if (!_tp_store_bare_insert (bare, article, statements, &error))
        {
          _tp_store_bare_close (bare);
          return tp_cli_fail_error ("bench", error);
        }
      bare_us += g_get_monotonic_time () - t0;
      bare_cpu += cpu_now () - c0;
    }
  _tp_store_bare_close (bare);

  /* The table. */
  g_clear_object (&store);
  printf ("Triptych benchmark: %d generated articles (%" G_GUINT64_FORMAT " statements), "
          "seed %d, %u queries\n\n", scale, n_statements, SEED, queries->len);
  printf ("| %-44s | %30s | %-14s |\n", "measure", "result", "target");
  printf ("|%s|%s|%s|\n", "----------------------------------------------",
          "--------------------------------", "----------------");
  g_snprintf (buf, sizeof buf, "%.1f MB/s (cpu %.1f)",
              extract_bytes / 1e6 / MAX (extract_us / 1e6, 1e-9),
              extract_bytes / 1e6 / MAX (extract_cpu / 1e6, 1e-9));
  row ("extraction, one core", buf, ">= 20 MB/s");
  if (checkpoint_us > 0)
    {
      g_snprintf (buf, sizeof buf, "%.1f s (cpu %.1f), %.0f/s", checkpoint_us / 1e6,
                  checkpoint_cpu / 1e6, CHECKPOINT / MAX (checkpoint_us / 1e6, 1e-9));
      row ("import first 10k articles (analysis + FTS)", buf, NULL);
    }
  {
    g_autofree char *what = g_strdup_printf ("import %d articles (analysis + FTS)", scale);

    g_snprintf (buf, sizeof buf, "%.1f s (cpu %.1f), %.0f/s", import_us / 1e6, import_cpu / 1e6,
                scale / MAX (import_us / 1e6, 1e-9));
    row (what, buf, scale == 100000 ? "<= 90 s" : NULL);
  }
  g_snprintf (buf, sizeof buf, "cpu %.1f s", store_cpu / 1e6);
  row ("  of which tp_store_add_article()", buf, NULL);
  g_snprintf (buf, sizeof buf, "%.1f s (cpu %.1f), %.0f/s", bare_us / 1e6, bare_cpu / 1e6,
              scale / MAX (bare_us / 1e6, 1e-9));
  row ("bare SQLite insert of the same rows (ref.)", buf, NULL);
  {
    g_autofree char *what = g_strdup_printf ("compare view, %u filter sets: p50 / p99",
                                             compare_wall->len / COMPARE_RUNS);

    g_snprintf (buf, sizeof buf, "%.1f / %.1f ms", percentile (compare_wall, 0.5),
                percentile (compare_wall, 0.99));
    row (what, buf, scale == 100000 ? "<= 200 ms" : NULL);
    g_snprintf (buf, sizeof buf, "%.1f / %.1f ms", percentile (compare_cpu, 0.5),
                percentile (compare_cpu, 0.99));
    row ("  the same, cpu time: p50 / p99", buf, NULL);
  }
  g_snprintf (buf, sizeof buf, "%.2f / %.2f ms", percentile (latencies, 0.5),
              percentile (latencies, 0.99));
  row ("search articles, newest 20: p50 / p99", buf, "p99 <= 20 ms");
  g_snprintf (buf, sizeof buf, "%.2f / %.2f ms", percentile (cpu_latencies, 0.5),
              percentile (cpu_latencies, 0.99));
  row ("  the same, cpu time: p50 / p99", buf, NULL);
  {
    g_autofree char *what = g_strdup_printf ("  slowest query: “%s”", slowest ? slowest : "");

    g_snprintf (buf, sizeof buf, "cpu %.2f ms", slowest_ms);
    row (what, buf, NULL);
  }
  g_snprintf (buf, sizeof buf, "%.2f / %.2f ms", percentile (statement_latencies, 0.5),
              percentile (statement_latencies, 0.99));
  row ("search statements, newest 20: p50 / p99", buf, "p99 <= 20 ms");
  g_snprintf (buf, sizeof buf, "%.2f / %.2f ms", percentile (relevance_latencies, 0.5),
              percentile (relevance_latencies, 0.99));
  row ("search articles by relevance: p50 / p99", buf, NULL);
  g_snprintf (buf, sizeof buf, "%.0f MB / %.0f MB", file_size (lib_path) / 1e6,
              file_size (bare_path) / 1e6);
  row ("library file / bare file", buf, NULL);
  g_snprintf (buf, sizeof buf, "%.0f ms / %.0f ms", export_html_ms, export_pdf_ms);
  row ("report export of the view: HTML / PDF", buf, NULL);
  print_gui_rows (lib_path);
  g_snprintf (buf, sizeof buf, "%.0f MB", peak_rss_mb (RUSAGE_SELF));
  row ("peak RSS of the benchmark process", buf, "<= 300 MB");

  g_rand_free (gen.rand);
  remove_library (bare_path);
  if (keep)
    printf ("\n%s %s\n", _("Library kept at"), lib_path);
  else
    {
      remove_library (lib_path);
      g_rmdir (dir);
    }
  return 0;
}
