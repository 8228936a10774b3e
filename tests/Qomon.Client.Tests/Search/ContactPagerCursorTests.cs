using Qomon.Client.Search;
using Xunit;

namespace Qomon.Client.Tests.Search
{
    /// <summary>
    /// The tie-group rule on its own, with scripted pages of 2: the server cannot be made to pass over the same
    /// member in two passes on purpose, so the cursor is fed the pages such a server would give.
    /// </summary>
    public sealed class ContactPagerCursorTests
    {
        private static readonly DateTimeOffset V = new(2026, 11, 20, 10, 30, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset After = V.AddMilliseconds(5);

        [Fact]
        public void APassThatFindsNothingNewButLostAMemberThePassBeforeSawDoesNotSettleTheGroup()
        {
            var cursor = new ContactPagerCursor(0);
            Page(cursor, full: true, (1, V, true), (2, V, true));          // pass 1, page 0
            Assert.Equal((V, 1), (cursor.From!.Value, cursor.Page));
            Page(cursor, full: true, (3, V, true), (9, After, true));      // pass 1 reaches past the group
            Assert.Equal((V, 0), (cursor.From!.Value, cursor.Page));
            Page(cursor, full: true, (2, V, false), (3, V, false));        // pass 2: 1 left the group (written)
            Page(cursor, full: false, (9, After, false));

            // Nothing new, but 1 was seen by pass 1 and not by pass 2: a member behind it may have slid past a page
            // boundary in both passes, so the group is read once more.
            Assert.Equal((V, 0), (cursor.From!.Value, cursor.Page));

            Page(cursor, full: true, (2, V, false), (3, V, false));        // pass 3 sees what pass 2 saw
            Page(cursor, full: false, (9, After, false));
            Assert.Equal((V.AddMilliseconds(1), 0), (cursor.From!.Value, cursor.Page));
            Assert.False(cursor.Finished);

            Page(cursor, full: false, (9, After, false));
            Assert.True(cursor.Finished);
            Assert.Equal(0, cursor.UnsettledTieGroups);
        }

        [Fact]
        public void AFullPageOfOneLastchangeReachedByAnOffsetRestartsTheGroupAtItsStart()
        {
            var cursor = new ContactPagerCursor(3); // -Skip jumped to page 3 of the plain query

            Page(cursor, full: true, (1, V, true), (2, V, true));

            Assert.Equal((V, 0), (cursor.From!.Value, cursor.Page));
        }

        [Fact]
        public void AGroupThatNeverSettlesIsLeftAfterTheMostPassesAndCounted()
        {
            var cursor = new ContactPagerCursor(0);
            for (var pass = 0; pass < ContactPagerCursor.MaxTiePasses; pass++)
            {
                // A server whose order inside the tie changes: each pass sees a different member.
                Page(cursor, full: true, (pass, V, true), (1000 + pass, V, true));
                Page(cursor, full: false, (5000, After, pass == 0));
            }

            Assert.Equal((V.AddMilliseconds(1), 0), (cursor.From!.Value, cursor.Page));
            Assert.Equal(1, cursor.UnsettledTieGroups);
        }

        private static void Page(ContactPagerCursor cursor, bool full, params (long Id, DateTimeOffset LastChange, bool New)[] contacts) =>
            cursor.Advance(contacts.Select(c => new ContactPagerKeys(c.Id, c.LastChange)).ToList(), contacts.Select(c => c.New).ToList(), full);
    }
}
