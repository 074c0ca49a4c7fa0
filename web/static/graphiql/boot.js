// Starts GraphiQL (the vendored UMD build) with the settings the page carries as JSON
// (web/graphiql.py): the endpoint, an example query and a template of the headers.
(function () {
  var settings = JSON.parse(document.getElementById("graphiql-settings").textContent);
  var fetcher = GraphiQL.createFetcher({ url: settings.url });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: settings.query,
      defaultHeaders: settings.headers,
      defaultEditorToolsVisibility: "headers",
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    })
  );
})();
