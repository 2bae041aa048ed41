// The upload page's enhancement: with scripts on, each file goes to the media API on its own
// with a progress bar, and the results appear as they come. Without scripts the same form posts
// to the library page, which ingests the files and shows the results (web/library/controllers.py).
(function () {
  const form = document.getElementById("upload-form");
  const results = document.getElementById("upload-results");
  const editList = document.getElementById("edit-list");
  const rowTpl = document.getElementById("edit-row");
  const t = JSON.parse(document.getElementById("upload-i18n").textContent);
  const max = parseInt(form.dataset.max, 10);

  function addEditRow(item) {
    const row = rowTpl.content.firstElementChild.cloneNode(true);
    const p = "i" + item.id + "-";
    row.querySelector("input[type=hidden]").value = item.id;
    const set = (sel, name, value) => { const el = row.querySelector(sel); el.name = p + name; el.value = value || ""; };
    set(".title", "title", item.title); set(".kind", "kind", item.kind);
    set(".agency", "agency", item.agency); set(".topic", "topic", (item.topics || [])[0]);
    row.querySelector("audio").src = form.dataset.library + item.id + "/audio";
    editList.querySelector("tbody").appendChild(row);
    editList.hidden = false;
  }

  function uploadOne(file, li) {
    return new Promise((resolve) => {
      const bar = li.querySelector("progress"), state = li.querySelector(".state");
      if (file.size > max) { li.className = "failed"; state.textContent = t.failed + ": " + t.tooBig; return resolve(); }
      const data = new FormData();
      data.append("file", file, file.name);
      for (const name of ["kind", "agency", "topic", "language", "author", "source_doc_number", "source_doc_date", "rights_note"]) { const el = form.elements[name]; const v = el && el.value; if (v) data.append(name, v); }
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.dataset.api);
      xhr.setRequestHeader("X-CSRFToken", form.dataset.csrf);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) { bar.value = e.loaded / e.total; state.textContent = t.uploading + " " + Math.round(100 * e.loaded / e.total) + "%"; } };
      xhr.upload.onload = () => { bar.removeAttribute("value"); state.textContent = t.processing; };
      xhr.onload = () => {
        let body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
        bar.value = 1;
        if (xhr.status === 201 || xhr.status === 200) {
          const it = body.item;
          li.className = xhr.status === 201 ? "ok" : "duplicate";
          state.textContent = (xhr.status === 201 ? t.done : t.duplicate) + ": " + it.title + " (" + it.duration_s.toFixed(1) + " " + t.seconds + ", " + it.loudness_lufs + " LUFS)";
          if (xhr.status === 201) addEditRow(it);
        } else {
          li.className = "failed";
          state.textContent = t.failed + ": " + ((body.error && body.error.message) || xhr.status);
          if (body.error) li.dataset.code = body.error.code;
        }
        resolve();
      };
      xhr.onerror = () => { li.className = "failed"; state.textContent = t.failed + ": " + t.network; resolve(); };
      xhr.send(data);
    });
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const files = Array.from(form.elements.file.files);
    const rows = files.map((f) => {
      const li = document.createElement("li");
      li.innerHTML = '<span class="name"></span> <progress max="1" value="0"></progress> <span class="state"></span>';
      li.querySelector(".name").textContent = f.name;
      li.querySelector(".state").textContent = t.waiting;
      results.appendChild(li);
      return li;
    });
    for (let i = 0; i < files.length; i++) { await uploadOne(files[i], rows[i]); }
    form.reset();
  });
})();
