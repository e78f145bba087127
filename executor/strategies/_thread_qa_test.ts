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
