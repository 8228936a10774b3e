using System;
using System.Threading;

namespace Qomon.Client.Budget
{
    /// <summary>
    /// Tokens a TokenBudget set aside for the requests of one piece of work (a record's read and its write). While
    /// <see cref="Use"/> is in effect, BudgetHandler takes a request's tokens from here instead of queueing for
    /// them; what is left when the reservation is disposed goes back to the bucket. Ambient (AsyncLocal) so that
    /// the client's calls need no extra parameter.
    /// </summary>
    internal sealed class TokenReservation : IDisposable
    {
        private static readonly AsyncLocal<TokenReservation?> Ambient = new AsyncLocal<TokenReservation?>();
        private readonly object _gate = new object();
        private readonly TokenBudget _budget;
        private double _left;

        internal TokenReservation(TokenBudget budget, double tokens)
        {
            _budget = budget;
            _left = tokens;
        }

        /// <summary>The reservation requests of this async flow draw on, if any.</summary>
        internal static TokenReservation? Current => Ambient.Value;

        /// <summary>Tokens not drawn yet.</summary>
        internal double Left { get { lock (_gate) return _left; } }

        /// <summary>Makes this the reservation the calls of this async flow draw on, until the scope is disposed.</summary>
        internal IDisposable Use()
        {
            var previous = Ambient.Value;
            Ambient.Value = this;
            return new Scope(previous);
        }

        /// <summary>Takes <paramref name="cost"/> tokens for a request to <paramref name="budget"/>; false when this
        /// reservation is for another budget or holds too few (the request then queues as usual).</summary>
        internal bool TryDraw(TokenBudget budget, double cost)
        {
            if (!ReferenceEquals(budget, _budget)) return false;
            lock (_gate)
            {
                if (_left + 1e-9 < cost) return false;
                _left -= cost;
            }
            _budget.StartDrawn();
            return true;
        }

        public void Dispose()
        {
            double unused;
            lock (_gate)
            {
                unused = _left;
                _left = 0;
            }
            _budget.Release(unused);
        }

        private sealed class Scope : IDisposable
        {
            private readonly TokenReservation? _previous;
            internal Scope(TokenReservation? previous) => _previous = previous;
            public void Dispose() => Ambient.Value = _previous;
        }
    }
}
