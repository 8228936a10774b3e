using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;
using Qomon.Client.Model;
using Qomon.Client.Search;
using Qomon.Client.Text;
using Qomon.PowerShell.Connections;
using Qomon.PowerShell.Infrastructure;
using Qomon.PowerShell.Output;
using Qomon.PowerShell.Search;

namespace Qomon.PowerShell.Commands
{
    /// <summary>
    /// Get-QomonContact: contacts by id (many at once from the pipeline, several requests in flight, output in
    /// input order) or by search (-Filter exact, -Query raw, -UpdatedSince), one page or every page (-All),
    /// streamed as each page arrives; -Count asks /kpi instead.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QomonContact", DefaultParameterSetName = SearchSet, SupportsPaging = true, HelpUri = HelpLinks.Commands + "Get-QomonContact.md")]
    [OutputType(ContactOutput.TypeName)]
    [OutputType(ContactRow.TypeName)]
    [OutputType(typeof(long), ParameterSetName = new[] { SearchSet })]
    public sealed class GetQomonContactCommand : QomonCmdlet
    {
        private const string IdSet = "Id";
        private const string SearchSet = "Search";
        private const int MaxPageSize = ContactPagerOptions.MaxPageSize;

        /// <summary>One or more contact ids; from the pipeline as numbers or as objects with an Id or ContactId property.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ContactId")]
        [ValidateRange(1, long.MaxValue)]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>How many contacts are read at once (the connection's token budget paces them all).</summary>
        [Parameter(ParameterSetName = IdSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Field = value pairs, all of which must match exactly (@{ 'address.city' = 'Lyon'; surname = 'Martin' }).</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(Completion.FilterNameCompleter))]
        public Hashtable? Filter { get; set; }

        /// <summary>A raw search tree ({"$all":[{"$all":[{"$condition":{...}}]}]}) as a hashtable or a JSON string.</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ValidateNotNull]
        public object? Query { get; set; }

        /// <summary>Only contacts updated at or after this: a DateTime or Qomon date math such as 'now-1d/d'.</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ValidateNotNull]
        public object? UpdatedSince { get; set; }

        /// <summary>Every matching contact, page after page (sorted by lastchange, each contact once, also while contacts are written).</summary>
        [Parameter(ParameterSetName = SearchSet)]
        public SwitchParameter All { get; set; }

        /// <summary>Contacts per search request, 1 to 1000 (default 1000, the API's maximum; with -All, 200).</summary>
        [Parameter(ParameterSetName = SearchSet)]
        [ValidateRange(1, MaxPageSize)]
        public int PageSize { get; set; } = MaxPageSize;

        /// <summary>Return how many contacts match (POST /kpi) instead of the contacts.</summary>
        [Parameter(ParameterSetName = SearchSet)]
        public SwitchParameter Count { get; set; }

        /// <summary>Flat rows of text for Export-Csv, with columns named as Set-QomonContact reads them (Qomon.ContactRow).</summary>
        [Parameter]
        public SwitchParameter Flat { get; set; }

        /// <summary>With -Flat: add the UpdatedAt column, which Set-QomonContact uses to refuse overwriting a newer change to the same field.</summary>
        [Parameter]
        public SwitchParameter IncludeUpdatedAt { get; set; }

        private Task<(FormCatalog Catalog, string? Problem)>? _forms;
        private bool _formsChecked;
        private PagingWindow? _window;
        private OrderedWorkQueue<long, PSObject>? _reads;
        private Func<JsonObject, bool>? _exact;
        private JsonObject? _query;

        protected override void Begin()
        {
            if (IncludeUpdatedAt && !Flat)
                ThrowInvalidArgument("-IncludeUpdatedAt adds a column to -Flat rows; a Qomon.Contact always has UpdatedAt. Add -Flat.", null, ErrorIds.ConflictingParameters);
            if (Flat && Count)
                ThrowInvalidArgument("-Count returns a number, not contacts: leave out -Flat or -Count.", null, ErrorIds.ConflictingParameters);
            if (ParameterSetName == IdSet)
            {
                _window = new PagingWindow(PagingParameters?.Skip ?? 0, PagingParameters?.First ?? ulong.MaxValue);
                _reads = new OrderedWorkQueue<long, PSObject>(Pipeline, ThrottleLimit, ReadAsync);
                return;
            }
            _query = BuildQuery();
            try
            {
                if (Count) { WriteCount(); return; }
                if (PagingParameters.IncludeTotalCount)
                {
                    var total = Pipeline.Run(ct => Client.CountAsync(_query, ct));
                    WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, total), _exact == null ? 1.0 : 0.5));
                }
                Search();
            }
            catch (QomonApiException e)
            {
                // A search that fails has no record to blame and nothing to go on with.
                ThrowApiError(e, _query.ToJsonString());
            }
        }

        protected override void Process()
        {
            if (_reads == null) return;
            StartLoadingForms();
            foreach (var id in Id)
            {
                if (_window!.Full) return; // -First is satisfied: read nothing more
                foreach (var outcome in _reads.Submit(id)) Write(outcome);
            }
        }

        protected override void End()
        {
            if (_reads == null) return;
            foreach (var outcome in _reads.Complete()) Write(outcome);
        }

        protected override void Dispose(bool disposing) => _reads?.Dispose();

        // Off the pipeline thread: read one contact and build its output object, so that building overlaps the reads.
        private async Task<PSObject> ReadAsync(long id, CancellationToken cancellationToken)
        {
            var contact = await Client.GetContactAsync(id, cancellationToken).ConfigureAwait(false);
            var forms = await _forms!.ConfigureAwait(false);
            return Output(contact, forms.Catalog);
        }

        private void Write(WorkOutcome<long, PSObject> outcome)
        {
            if (outcome.Task.IsCanceled) throw new PipelineStoppedException();
            WarnIfFormsMissing();
            if (outcome.Exception is QomonApiException e)
            {
                // A key refused in mid-run fails every read after it: stop rather than write thousands of errors.
                if (e.StatusCode == 401) ThrowApiError(e, outcome.Item);
                WriteApiError(e, outcome.Item, e.IsNotFound ? ErrorIds.ContactNotFound : ErrorIds.NotFound);
                return;
            }
            var contact = outcome.Result; // rethrows anything else (a bug, not a per-record failure)
            if (_window!.Take()) WriteObject(contact);
        }

        // Streams pages: each contact is written as its page arrives, and the next page is already on its way.
        private void Search()
        {
            var pager = new ContactPager(Client, new ContactPagerOptions
            {
                Query = _query!,
                ExactMatch = _exact,
                All = All.IsPresent,
                PageSize = ParameterSpecified(nameof(PageSize)) ? PageSize : (int?)null,
                Skip = PagingParameters.Skip,
                First = PagingParameters.First,
                CountAtStart = All.IsPresent,
            });
            if (pager.Finished) return; // -First 0: nothing is wanted, so nothing is fetched (the query was still checked)

            StartLoadingForms();
            var progress = new SearchProgress(this, All ? () => pager.CountedAtStart : (Func<long?>?)null, SearchProgress.Wanted(this));
            var next = FetchPage(pager);
            Action<PSObject> write = WriteObject;
            long written = 0;
            while (Pipeline.Wait(next) is List<PSObject> page)
            {
                WarnIfFormsMissing();
                // Read before the next page is asked: from then on the pager runs beside this thread.
                var last = pager.Finished;
                if (!last) next = FetchPage(pager); // asked while this page is written
                foreach (var contact in page) progress.Hand(contact, write);
                written += page.Count;
                progress.Report(written);
                if (last) break;
            }
            WarnIfFormsMissing();
            progress.Complete(); // on a normal end only: a stopped pipeline takes its progress bar with it
            if (pager.MoreMayMatch)
                WriteWarning($"More contacts may match than this page of {pager.PageSize} holds. Use -All to get every one, or -First/-Skip to choose.");
            if (pager.UnsettledTieGroups > 0)
                WriteVerbose($"{Counted.Of(pager.UnsettledTieGroups, "run")} of contacts sharing one lastchange kept changing order between requests and {(pager.UnsettledTieGroups == 1 ? "was" : "were")} left unsettled; the count check at the end covers them.");
            if (pager.Check is ContactPagerShortfall check)
            {
                if (SearchProgress.ShortfallWarning(check) is string warning) WriteWarning(warning);
                else if (SearchProgress.LeftNote(check) is string note) WriteVerbose(note);
            }
        }

        // The pager's next page, turned into output objects off the pipeline thread; null when the read is over.
        private Task<List<PSObject>?> FetchPage(ContactPager pager) =>
            Pipeline.Start(async ct =>
            {
                var contacts = await pager.NextPageAsync(ct).ConfigureAwait(false);
                if (contacts == null) return null;
                var forms = await _forms!.ConfigureAwait(false);
                var result = new List<PSObject>(contacts.Count);
                foreach (var contact in contacts) result.Add(Output(contact, forms.Catalog));
                return result;
            });

        private PSObject Output(JsonObject contact, FormCatalog forms) =>
            Flat ? ContactRow.Create(contact, forms, IncludeUpdatedAt) : ContactOutput.Create(contact, forms);

        private void WriteCount()
        {
            var total = Pipeline.Run(ct => Client.CountAsync(_query!, ct));
            if (_exact == null)
            {
                WriteObject(total);
                return;
            }
            // Qomon's eql is fuzzy, so /kpi over-counts a -Filter; count the exact matches page by page instead.
            WriteVerbose($"The server counts {total} fuzzy matches; counting exact matches of -Filter.");
            var pager = new ContactPager(Client, new ContactPagerOptions { Query = _query!, ExactMatch = _exact, All = true, PageSize = MaxPageSize });
            long exact = 0;
            while (Pipeline.Run(pager.NextPageAsync) is IReadOnlyList<JsonObject> page) exact += page.Count;
            WriteObject(exact);
        }

        // -Query, then each -Filter equality, then -UpdatedSince, ANDed within the two levels Qomon allows. Each is
        // checked before anything is sent, and refused under its own error id.
        private JsonObject BuildQuery()
        {
            JsonObject? tree = null;
            if (Query != null) tree = Checked(() => ParseQuery(Query), Query, ErrorIds.InvalidArgument);
            if (Filter != null)
            {
                var filter = Checked(() => ContactFilter.Build(ToDictionary(Filter), KnownForms()), Filter, ErrorIds.InvalidFilter);
                _exact = filter.Matches;
                foreach (var condition in filter.Conditions)
                    tree = QueryTree.And(tree, QueryTree.Condition(condition.Attribute, condition.Operation, condition.Value?.DeepClone()));
            }
            if (UpdatedSince != null) tree = ContactQuery.WithUpdatedSince(tree, Checked(() => UpdatedSinceCondition(UpdatedSince), UpdatedSince, ErrorIds.InvalidUpdatedSince));
            return tree ?? QueryTree.MatchAll();
        }

        private T Checked<T>(Func<T> build, object target, string errorId)
        {
            try { return build(); }
            catch (ArgumentException e)
            {
                ThrowInvalidArgument(QomonErrors.MessageOf(e), target, errorId);
                throw; // not reached: ThrowInvalidArgument throws
            }
        }

        // The forms this connection has read already (Connect-Qomon reads the consent forms): enough to tell a form
        // label used as a -Filter key, without a request.
        private FormCatalog KnownForms() => new FormCatalog(FormCache.For(QomonConnection).Known);

        private static JsonObject UpdatedSinceCondition(object value)
        {
            switch (value is PSObject ps ? ps.BaseObject : value)
            {
                case DateTime date:
                    return ContactQuery.UpdatedSince(new DateTimeOffset(date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Local) : date));
                case DateTimeOffset date:
                    return ContactQuery.UpdatedSince(date);
                case string text:
                    return ContactQuery.UpdatedSince(text);
                case object other:
                    throw new ArgumentException(UpdatedSinceForms.Refusal(other.GetType()));
            }
            throw new ArgumentException(UpdatedSinceForms.Accepted);
        }

        private static JsonObject ParseQuery(object query)
        {
            var tree = PowerShellToJson.ParseBody(query) as JsonObject
                ?? throw new ArgumentException("-Query must be an object such as @{ '$all' = @( @{ '$all' = @( @{ '$condition' = @{ attr = 'surname'; ope = 'eql'; value = 'Martin' } } ) } ) }.");
            try
            {
                QueryValidator.Validate(tree);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException("-Query: " + e.Message, e);
            }
            return tree;
        }

        private static IDictionary<string, object?> ToDictionary(Hashtable table)
        {
            var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in table)
                result[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""] =
                    entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
            return result;
        }

        // The forms give Answers its labels: loaded once per connection, started (on the pipeline thread) with the
        // first read, awaited by every read before it builds its output. A space that refuses them still gets its
        // contacts, with answers by form id.
        private void StartLoadingForms() =>
            _forms ??= Pipeline.Start(ct => FormCache.For(QomonConnection).GetAllOrEmptyAsync(Client, ct));

        private void WarnIfFormsMissing()
        {
            if (_formsChecked || _forms == null || !_forms.IsCompleted) return;
            _formsChecked = true;
            if (_forms.Status == TaskStatus.RanToCompletion && _forms.Result.Problem != null) WriteWarning(_forms.Result.Problem);
        }
    }
}
