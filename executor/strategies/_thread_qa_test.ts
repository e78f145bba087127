import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { segmentThread } from "./_thread.ts";
import { autoHtml } from "./_test_page.ts";

// A Q&A page whose question has one answer: no run of like posts, only the schema.org
// Question and Answer the page declares.

const URL_ = "https://perguntas.example/questions/4812/por-que-o-indice-nao-e-usado";

async function fixture(): Promise<string> {
  return await Deno.readTextFile(
    new URL("../testdata/types_forum_qa_single.html", import.meta.url),
  );
}

Deno.test("segmentThread() takes a question's one declared answer for a post", async () => {
  const found = segmentThread(parsePage(await fixture()).body);
  assert.equal(found.posts, 1);
  // The body is the text the answer declares, not the code listing that holds most of it.
  assert.equal(found.slot, "DIV.answer/DIV.post-layout/DIV.answercell/DIV.s-prose");
  assert.equal(found.outliers, 1);
});

Deno.test("auto on a question answered once keeps both, not the notices after the answer", async (t) => {
  const out = await autoHtml(await fixture(), URL_);
  const content = out.content;
  await t.step("page_type is forum", () => assert.equal(out.metadata.page_type, "forum"));
  await t.step("the question, then the answer's words and its code", () => {
    const parts = [
      "Tenho uma tabela com quarenta milhões de linhas",
      "Filtre por um intervalo sobre a própria coluna:",
      "WHERE criado_em >= DATE",
    ];
    const at = parts.map((p) => {
      const i = content.indexOf(p);
      assert.ok(i >= 0, `content should include ${JSON.stringify(p)}:\n${content}`);
      return i;
    });
    assert.deepEqual(at, [...at].sort((a, b) => a - b));
  });
  await t.step("no user card, sort menu, sign-in notice or related questions", () => {
    for (
      const chrome of [
        "8.310",
        "medalhas",
        "Ordenado por",
        "Melhore esta resposta",
        "para responder a esta pergunta",
        "Comece a perguntar",
        "Encontre a resposta",
        "Explore perguntas relacionadas",
        "Veja perguntas parecidas",
      ]
    ) {
      assert.ok(!content.includes(chrome), `content should not include ${chrome}:\n${content}`);
    }
  });
});

/**
 * An answer of a Q&A page with its comments beside its body, as the engines lay them out:
 * the comments can hold almost as much written text as the answer itself.
 */
function answerWithComments(
  user: string,
  time: string,
  body: string[],
  comments: string[],
): string {
  return `<div class="answer" itemscope itemtype="https://schema.org/Answer"><div class="post-layout">
    <div class="votecell"><button class="js-vote-up-btn">▲</button><div class="js-vote-count">7</div></div>
    <div class="answercell"><div class="s-prose" itemprop="text">${
    body.map((p) => `<p>${p}</p>`).join("")
  }</div>
    <div class="post-signature"><div class="user-info"><div class="user-action-time">respondida
    <time datetime="${time}">${time.slice(0, 10)}</time></div>
    <div class="user-details"><a href="/users/${user}">${user}</a></div></div></div></div>
    <div class="post-layout--right"><div class="comments"><ul class="comments-list">${
    comments.map((c, i) =>
      `<li class="comment"><span class="comment-copy">${c}</span> – <a class="comment-user" href="/users/c${i}">lector${i}</a> <span class="comment-date">3 abr 2024</span></li>`
    ).join("")
  }</ul></div></div></div></div>`;
}

Deno.test("segmentThread() takes an answer's body when its comments hold almost as much text", () => {
  // Each answer's body holds a little over half of its post's written text, the comments
  // under it the rest: the body is still the slot that holds most of it.
  const document = parsePage(
    `<html><body><div id="answers">${
      answerWithComments(
        "marisol_v",
        "2024-04-02T08:15:00",
        [
          "El índice no se usa porque la consulta aplica una función a la columna.",
          "Compara la columna tal cual con un intervalo de fechas y el planificador podrá recorrer el índice en lugar de leer la tabla entera.",
        ],
        [
          "¿Y si la columna es de texto? Entonces tampoco serviría para intervalos, ¿no?",
          "Funciona, el tiempo bajó de un minuto a unos veinte milisegundos en producción.",
        ],
      )
    }${
      answerWithComments(
        "ramon.ib",
        "2024-04-02T09:40:00",
        [
          "Otra opción es crear un índice sobre la expresión misma, con la conversión a fecha.",
          "Así la consulta original lo aprovecha sin cambiar una sola línea del código de la aplicación.",
        ],
        [
          "Un índice de expresión ocupa espacio extra y hay que mantenerlo en cada escritura.",
          "Cierto, aunque en una tabla que casi solo se lee el coste apenas se nota.",
        ],
      )
    }</div></body></html>`,
  );
  const found = segmentThread(document.body);
  assert.equal(found.posts, 2);
  assert.equal(found.slot, "DIV.answer/DIV.post-layout/DIV.answercell/DIV.s-prose");
});
