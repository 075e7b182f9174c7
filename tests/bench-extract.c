/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-extract"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tp-extractor.h"

/* Extraction throughput on a synthetic corpus: Vietnamese and English
 * articles assembled from sentence templates in the style of the news
 * Triptych reads (direct, partial and reported quotes, pronouns, titles,
 * background sentences). Run by hand:
 *
 *   build/tests/bench-extract [MEGABYTES]
 *
 * and it prints the corpus size and MB/s, by wall clock and by CPU time of
 * the one thread that extracts. */

static const char *speakers_vi[] = {
  "người phát ngôn Điện Kremlin Dmitry Peskov", "ông Peskov", "Ngoại trưởng Nga Sergei Lavrov",
  "Tổng thống Ukraine Volodymyr Zelensky", "ông Zelensky", "Tổng thống Mỹ Donald Trump",
  "ông Trump", "Nhà Trắng", "Bộ Ngoại giao Nga", "phía Kremlin", "Lầu Năm Góc",
  "Ngoại trưởng Ukraine Andrii Sybiha", "bà Zakharova", "Tổng thư ký NATO Mark Rutte",
  "ông Nguyễn Văn Minh, chuyên gia tại Hà Nội,",
};
static const char *speakers_en[] = {
  "Kremlin spokesman Dmitry Peskov", "Peskov", "Russian Foreign Minister Sergei Lavrov",
  "Ukrainian President Volodymyr Zelenskiy", "Zelenskiy", "US President Donald Trump",
  "Trump", "the White House", "Russia's Foreign Ministry", "the Pentagon",
  "NATO Secretary General Mark Rutte", "Jane Holloway, an analyst at a London think tank,",
};
static const char *cues_vi[] = { "cho biết", "nói", "nhấn mạnh", "khẳng định", "tuyên bố", "cho hay" };
static const char *cues_en[] = { "said", "told reporters", "added", "insisted", "warned", "stated" };
static const char *clauses_vi[] = {
  "Nga sẵn sàng đàm phán nếu các mục tiêu của chiến dịch quân sự đặc biệt được bảo đảm",
  "Washington sẽ tiếp tục cung cấp viện trợ quân sự cho Kiev trong năm tới",
  "các lệnh trừng phạt mới sẽ không thay đổi lập trường của Moskva",
  "hai bên đã thảo luận về việc trao đổi tù binh và an ninh của nhà máy điện hạt nhân",
  "Ukraine sẽ không từ bỏ lãnh thổ để đổi lấy một lệnh ngừng bắn tạm thời",
  "NATO cần tăng cường bảo đảm an ninh cho các thành viên ở sườn phía đông",
};
static const char *clauses_en[] = {
  "Russia was ready to negotiate if the goals of its special military operation were met",
  "Washington would keep supplying military aid to Kyiv next year",
  "new sanctions would not change Moscow's position on the talks",
  "both sides had discussed a prisoner exchange and the safety of the nuclear plant",
  "Ukraine would not give up territory in exchange for a temporary ceasefire",
  "NATO had to strengthen security guarantees on its eastern flank",
};
static const char *background_vi[] = {
  "Cuộc xung đột đã bước sang năm thứ tư với nhiều thương vong ở cả hai phía.",
  "Trong những tháng gần đây, giao tranh diễn ra ác liệt tại khu vực Donetsk và Zaporizhzhia.",
  "Giá khí đốt tại châu Âu tăng 2.000 euro cho mỗi nghìn mét khối hồi tháng 2/2022.",
  "Các nhà ngoại giao dự kiến gặp nhau tại Istanbul vào cuối tháng này.",
};
static const char *background_en[] = {
  "The conflict has entered its fourth year with heavy losses on both sides.",
  "Fighting has intensified around Pokrovsk in the Donetsk region in recent weeks.",
  "Gas prices in Europe rose sharply after the U.S. and the EU announced new measures.",
  "Diplomats are expected to meet in Istanbul later this month.",
};

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

static void
append_vietnamese_paragraph (GString *s,
                             GRand   *rand)
{
  const char *speaker = PICK (rand, speakers_vi);
  const char *cue = PICK (rand, cues_vi);
  const char *clause = PICK (rand, clauses_vi);

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      g_string_append_printf (s, "“%s”, %s %s.", clause, speaker, cue);
      break;
    case 1:
      g_string_append_printf (s, "%s hôm %d/%d %s: “%s. Chúng tôi sẽ không lùi bước”.", speaker,
                              g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 1, 13),
                              cue, clause);
      break;
    case 2:
      g_string_append_printf (s, "%s %s rằng %s, đồng thời gọi đó là “bước đi cần thiết”.",
                              speaker, cue, clause);
      break;
    case 3:
      g_string_append_printf (s, "Theo %s, %s. Ông nói thêm rằng tình hình “vẫn rất phức tạp”.",
                              speaker, clause);
      break;
    default:
      g_string_append_printf (s, "%s %s", PICK (rand, background_vi), PICK (rand, background_vi));
      break;
    }
}

static void
append_english_paragraph (GString *s,
                          GRand   *rand)
{
  const char *speaker = PICK (rand, speakers_en);
  const char *cue = PICK (rand, cues_en);
  const char *clause = PICK (rand, clauses_en);

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      g_string_append_printf (s, "\"%s,\" %s %s.", clause, speaker, cue);
      break;
    case 1:
      g_string_append_printf (s, "%s %s on Friday: \"%s. We will not back down.\"", speaker,
                              cue, clause);
      break;
    case 2:
      g_string_append_printf (s, "%s %s that %s, calling it a \"necessary step\".", speaker, cue,
                              clause);
      break;
    case 3:
      g_string_append_printf (s, "According to %s, %s. He added that the situation remained "
                              "\"very complicated\".", speaker, clause);
      break;
    default:
      g_string_append_printf (s, "%s %s", PICK (rand, background_en), PICK (rand, background_en));
      break;
    }
}

int
main (int   argc,
      char *argv[])
{
  double megabytes = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 32.0;
  gsize target = (gsize) (megabytes * 1e6);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpLexicon) lexicon = tp_lexicon_new_default (&error);
  g_autoptr(TpExtractor) extractor = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_article_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250705);
  gsize total = 0;
  guint64 statements = 0;
  gint64 wall_start;
  double wall;
  clock_t cpu_start;
  double cpu;

  if (lexicon == NULL)
    {
      g_printerr ("bench-extract: %s\n", error->message);
      return 1;
    }
  if (target == 0)
    target = 1;
  extractor = tp_extractor_new (lexicon);

  while (total < target)
    {
      TpArticle *article = tp_article_new ();
      g_autoptr(GString) body = g_string_new (NULL);
      gboolean english = g_rand_boolean (rand);
      guint paragraphs = g_rand_int_range (rand, 8, 20);

      for (guint p = 0; p < paragraphs; p++)
        {
          if (p > 0)
            g_string_append_c (body, '\n');
          if (english)
            append_english_paragraph (body, rand);
          else
            append_vietnamese_paragraph (body, rand);
        }
      tp_article_set_body (article, body->str);
      article->language = g_strdup (english ? "en" : "vi");
      article->published = g_strdup ("2025-07-05");
      total += body->len;
      g_ptr_array_add (articles, article);
    }

  wall_start = g_get_monotonic_time ();
  cpu_start = clock ();
  for (guint i = 0; i < articles->len; i++)
    {
      g_autoptr(GPtrArray) found = tp_extractor_run (extractor, g_ptr_array_index (articles, i));

      statements += found->len;
    }
  cpu = (double) (clock () - cpu_start) / CLOCKS_PER_SEC;
  wall = (g_get_monotonic_time () - wall_start) / 1e6;

  g_print ("corpus:      %.1f MB in %u articles (Vietnamese and English)\n",
           total / 1e6, articles->len);
  g_print ("statements:  %" G_GUINT64_FORMAT "\n", statements);
  g_print ("extraction:  %.1f MB/s wall (%.2f s), %.1f MB/s CPU (%.2f s, one thread)\n",
           total / 1e6 / MAX (wall, 1e-9), wall, total / 1e6 / MAX (cpu, 1e-9), cpu);
  return 0;
}
