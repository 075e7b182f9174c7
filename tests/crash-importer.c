/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crash-importer"

/* A helper for the crash-safety and concurrency tests.
 *
 *   crash-importer generate DIR COUNT
 *       writes COUNT articles (article-00000.txt ...) with quotes, reported
 *       speech and attributions in English and Vietnamese;
 *   crash-importer import DB DIR [--from N] [--annotate]
 *       imports the articles of DIR from the N-th on through the store API,
 *       one transaction per article as the application does, printing
 *       "committed INDEX ID" (flushed) once each is committed, or
 *       "duplicate INDEX ID" (the stored article's id). --annotate also tags, notes and confirms the
 *       first statement of each new article, as a journalist in the GUI
 *       would, printing "annotated INDEX STATEMENT_ID NOTE_ID".
 *
 * Exit 0 when every article was handled; 1 with one line on stderr
 * otherwise. */

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp-extractor.h"
#include "tp-source.h"
#include "tp-store.h"

/* Corpus generation */

typedef struct
{
  const char *full;
  const char *surname;
  const char *role_en;
  const char *role_vi;
} Speaker;

static const Speaker speakers[] = {
  { "Dmitry Peskov", "Peskov", "Kremlin spokesman", "người phát ngôn Điện Kremlin" },
  { "Sergei Lavrov", "Lavrov", "Russian Foreign Minister", "Ngoại trưởng Nga" },
  { "Maria Zakharova", "Zakharova", "Russian Foreign Ministry spokeswoman",
    "người phát ngôn Bộ Ngoại giao Nga" },
  { "Volodymyr Zelensky", "Zelensky", "Ukrainian President", "Tổng thống Ukraine" },
  { "Dmytro Kuleba", "Kuleba", "Ukrainian Foreign Minister", "Ngoại trưởng Ukraine" },
  { "Antony Blinken", "Blinken", "US Secretary of State", "Ngoại trưởng Mỹ" },
  { "John Kirby", "Kirby", "White House spokesman", "người phát ngôn Nhà Trắng" },
  { "Vladimir Putin", "Putin", "Russian President", "Tổng thống Nga" },
};

static const char * const quotes_en[] = {
  "We are ready to talk, but not on terms dictated from outside",
  "The sanctions will not change our course",
  "There can be no ceasefire while our territory is occupied",
  "Military aid must arrive before the winter",
  "The negotiations have not produced anything concrete",
  "We will defend every metre of our land",
  "Any peace plan has to respect international law",
  "The grain deal cannot work without guarantees",
};

static const char * const quotes_vi[] = {
  "Chúng tôi sẵn sàng đàm phán nhưng không chấp nhận điều kiện áp đặt",
  "Các lệnh trừng phạt sẽ không thay đổi lập trường của chúng tôi",
  "Không thể có lệnh ngừng bắn khi lãnh thổ còn bị chiếm đóng",
  "Viện trợ quân sự phải đến trước mùa đông",
  "Các cuộc đàm phán chưa mang lại kết quả cụ thể nào",
  "Chúng tôi sẽ bảo vệ từng mét đất của mình",
};

static const char * const places[] = { "MOSCOW", "KYIV", "WASHINGTON", "GENEVA", "ISTANBUL" };

static char *
generate_article (guint index)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (index * 7919 + 17);
  const Speaker *a = &speakers[g_rand_int_range (rand, 0, G_N_ELEMENTS (speakers))];
  const Speaker *b = &speakers[g_rand_int_range (rand, 0, G_N_ELEMENTS (speakers))];
  int day = g_rand_int_range (rand, 1, 29);
  int month = g_rand_int_range (rand, 1, 13);
  GString *text = g_string_new (NULL);

  if (index % 3 == 2)
    {
      const char *q1 = quotes_vi[g_rand_int_range (rand, 0, G_N_ELEMENTS (quotes_vi))];
      const char *q2 = quotes_vi[g_rand_int_range (rand, 0, G_N_ELEMENTS (quotes_vi))];

      g_string_append_printf (text, "Ông %s lên tiếng về đàm phán, bản tin số %u\n",
                              a->surname, index);
      g_string_append_printf (text, "(VTC News) - Bản tin thử nghiệm số %u. %s %s cho biết "
                              "hôm %d/%d rằng tình hình vẫn căng thẳng.\n",
                              index, a->role_vi, a->full, day, month);
      g_string_append_printf (text, "“%s”, ông %s nói.\n", q1, a->surname);
      g_string_append_printf (text, "Theo %s %s, các bên cần thêm thời gian để chuẩn bị "
                              "cho vòng đàm phán thứ %u.\n", b->role_vi, b->full, index % 50 + 2);
      g_string_append_printf (text, "“%s”, ông %s nhấn mạnh.\n", q2, b->surname);
    }
  else
    {
      const char *q1 = quotes_en[g_rand_int_range (rand, 0, G_N_ELEMENTS (quotes_en))];
      const char *q2 = quotes_en[g_rand_int_range (rand, 0, G_N_ELEMENTS (quotes_en))];

      g_string_append_printf (text, "%s speaks on the talks, dispatch %u\n", a->full, index);
      g_string_append_printf (text, "%s, %d/%d (Wire) - Dispatch number %u written for the "
                              "Triptych crash test. %s, the %s, spoke to reporters on "
                              "Tuesday.\n", places[index % G_N_ELEMENTS (places)], day, month,
                              index, a->full, a->role_en);
      g_string_append_printf (text, "\"%s,\" %s said.\n", q1, a->surname);
      g_string_append_printf (text, "%s, the %s, said the proposal for round %u was not "
                              "serious.\n", b->full, b->role_en, index % 40 + 2);
      g_string_append_printf (text, "\"%s,\" %s told reporters. \"Nothing else matters "
                              "now.\"\n", q2, b->surname);
    }
  return g_string_free (text, FALSE);
}

static int
generate (const char *dir,
          guint       count)
{
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      fprintf (stderr, "crash-importer: cannot create %s\n", dir);
      return 1;
    }
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%05u.txt", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = generate_article (i);

      if (!g_file_set_contents (path, text, -1, &error))
        {
          fprintf (stderr, "crash-importer: %s\n", error->message);
          return 1;
        }
    }
  return 0;
}

/* Import */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
list_articles (const char  *dir,
               GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *d = g_dir_open (dir, 0, error);
  const char *name;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "article-") && g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_dir_close (d);
  g_ptr_array_sort (names, compare_paths);
  return g_steal_pointer (&names);
}

static gboolean
annotate (TpStore    *store,
          guint       index,
          GPtrArray  *statements,
          GError    **error)
{
  TpStatement *first;
  gint64 tag_id;
  gint64 note_id = 0;
  g_autofree char *note = NULL;

  if (statements->len == 0)
    return TRUE;
  first = g_ptr_array_index (statements, 0);
  tag_id = tp_store_ensure_tag (store, "checked", error);
  if (tag_id <= 0)
    return FALSE;
  note = g_strdup_printf ("Checked against the wire, article %u", index);
  if (!tp_store_tag_statement (store, first->id, tag_id, error)
      || !tp_store_add_note (store, first->id, note, &note_id, error)
      || !tp_store_set_statement_review (store, first->id, TP_REVIEW_CONFIRMED, error))
    return FALSE;
  printf ("annotated %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", index, first->id, note_id);
  return TRUE;
}

static int
import (const char *db_path,
        const char *dir,
        guint       from,
        gboolean    with_annotations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = list_articles (dir, &error);
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(TpExtractor) extractor = NULL;

  if (files == NULL)
    {
      fprintf (stderr, "crash-importer: %s\n", error->message);
      return 1;
    }
  store = tp_store_open (db_path, &error);
  if (store == NULL)
    {
      fprintf (stderr, "crash-importer: %s\n", error->message);
      return 1;
    }
  lexicon = tp_store_load_lexicon (store, &error);
  if (lexicon == NULL)
    {
      fprintf (stderr, "crash-importer: %s\n", error->message);
      return 1;
    }
  extractor = tp_extractor_new (lexicon);

  for (guint i = from; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));
      g_autoptr(TpArticle) article = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      gint64 id = 0;

      article = tp_source_load_file (file, NULL, &error);
      if (article == NULL)
        {
          fprintf (stderr, "crash-importer: article %u: %s\n", i, error->message);
          return 1;
        }
      statements = tp_extractor_run (extractor, article);
      if (!tp_store_add_article (store, article, statements, &id, &error))
        {
          if (g_error_matches (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE))
            {
              g_clear_error (&error);
              printf ("duplicate %u %" G_GINT64_FORMAT "\n", i, id);
              fflush (stdout);
              continue;
            }
          fprintf (stderr, "crash-importer: article %u: %s\n", i, error->message);
          return 1;
        }
      printf ("committed %u %" G_GINT64_FORMAT "\n", i, id);
      if (with_annotations && !annotate (store, i, statements, &error))
        {
          fprintf (stderr, "crash-importer: annotating article %u: %s\n", i, error->message);
          return 1;
        }
      fflush (stdout);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "generate"))
    return generate (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));

  if (argc >= 4 && g_str_equal (argv[1], "import"))
    {
      guint from = 0;
      gboolean with_annotations = FALSE;

      for (int i = 4; i < argc; i++)
        {
          if (g_str_equal (argv[i], "--from") && i + 1 < argc)
            from = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
          else if (g_str_equal (argv[i], "--annotate"))
            with_annotations = TRUE;
          else
            {
              fprintf (stderr, "crash-importer: unknown option %s\n", argv[i]);
              return 2;
            }
        }
      return import (argv[2], argv[3], from, with_annotations);
    }

  fprintf (stderr, "usage: crash-importer generate DIR COUNT | "
                   "import DB DIR [--from N] [--annotate]\n");
  return 2;
}
