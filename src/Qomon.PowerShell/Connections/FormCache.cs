using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Qomon.Client;
using Qomon.Client.Diagnostics;
using Qomon.Client.Model;

namespace Qomon.PowerShell.Connections
{
    /// <summary>
    /// The forms of one connection's space, fetched once and kept with the connection: forms change only in
    /// Qomon's settings screen, and every contact read needs them to show answers by label. Shared by every
    /// command and runspace that uses the connection; thread-safe. Get-QomonForm -Refresh reloads a kind.
    /// </summary>
    public sealed class FormCache
    {
        /// <summary>Every kind of form the API lists (GET /v1/forms/type/{kind}).</summary>
        public static readonly IReadOnlyList<string> Kinds =
            new[] { "consent", "level_of_support", "presence_status", "survey", "custom_fields", "tasks" };

        private static readonly ConditionalWeakTable<QomonConnection, FormCache> Caches = new ConditionalWeakTable<QomonConnection, FormCache>();

        private readonly ConcurrentDictionary<string, IReadOnlyList<QomonForm>> _byKind =
            new ConcurrentDictionary<string, IReadOnlyList<QomonForm>>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<long, QomonForm> _byId = new ConcurrentDictionary<long, QomonForm>();
        private volatile FormCatalog? _all;

        public static FormCache For(QomonConnection connection) => Caches.GetValue(connection, _ => new FormCache());

        /// <summary>How many GET requests this cache has sent (tests and Get-QomonConnection read it).</summary>
        public int Fetches => _fetches;
        private int _fetches;

        /// <summary>The forms of one kind, from the cache or the API.</summary>
        public async Task<IReadOnlyList<QomonForm>> GetKindAsync(QomonClient client, string kind, bool refresh, CancellationToken cancellationToken)
        {
            if (!refresh && _byKind.TryGetValue(kind, out var cached)) return cached;
            Interlocked.Increment(ref _fetches);
            var forms = await client.GetFormsByTypeAsync(kind, cancellationToken).ConfigureAwait(false);
            foreach (var form in forms)
            {
                if (string.IsNullOrEmpty(form.Kind)) form.Kind = kind;
                _byId[form.Id] = form;
            }
            _byKind[kind] = forms;
            if (refresh) _all = null;
            return forms;
        }

        /// <summary>One form by id: from any list already loaded, else GET /forms/{id}.</summary>
        public async Task<QomonForm> GetByIdAsync(QomonClient client, long id, bool refresh, CancellationToken cancellationToken)
        {
            if (!refresh && _byId.TryGetValue(id, out var cached)) return cached;
            Interlocked.Increment(ref _fetches);
            var form = await client.GetFormAsync(id, cancellationToken).ConfigureAwait(false);
            _byId[form.Id] = form;
            return form;
        }

        /// <summary>
        /// Every form of every kind. A kind the space refuses or lacks is left out (with a verbose line through
        /// the client log) rather than failing the read of a contact.
        /// </summary>
        public async Task<FormCatalog> GetAllAsync(QomonClient client, CancellationToken cancellationToken)
        {
            var all = _all;
            if (all != null) return all;
            var forms = new List<QomonForm>();
            foreach (var kind in Kinds)
            {
                try { forms.AddRange(await GetKindAsync(client, kind, false, cancellationToken).ConfigureAwait(false)); }
                catch (QomonApiException e) when (!e.IsTransportFailure && e.StatusCode != 401)
                {
                    QomonLog.Current.Verbose($"Forms of kind '{kind}' are not available ({e.StatusCode}); answers to them show by form id.");
                }
            }
            return _all = new FormCatalog(forms);
        }

        /// <summary>
        /// Every form for showing or naming answers, never failing for want of them: a space whose forms cannot be
        /// read (other than for a bad key) gives an empty catalogue and a Problem to write once as a warning.
        /// </summary>
        public async Task<(FormCatalog Catalog, string? Problem)> GetAllOrEmptyAsync(QomonClient client, CancellationToken cancellationToken)
        {
            try
            {
                return (await GetAllAsync(client, cancellationToken).ConfigureAwait(false), null);
            }
            catch (QomonApiException e) when (e.StatusCode != 401)
            {
                return (FormCatalog.Empty, "Could not read the space's forms (" + Infrastructure.QomonErrors.Describe(e) + "); answers show and are named by form id only.");
            }
        }

        /// <summary>The lookup if every kind was loaded already, without any request.</summary>
        public FormCatalog? Loaded => _all;

        /// <summary>Forms known so far, without any request (for tab completion).</summary>
        public IReadOnlyList<QomonForm> Known => _byId.Values.OrderBy(f => f.Kind).ThenBy(f => f.Label).ToList();
    }
}
