using Qomon.Client.Search;
using Xunit;

namespace Qomon.Client.Tests.Search
{
    /// <summary>
    /// Issue 10, defect 2: Get-QomonContact -Filter … -All | Set-QomonContact reached 550 of 750 contacts, because
    /// each write moved a contact already read to the end of Qomon's lastchange order and shifted the offsets of
    /// the pages still to come. The pager must return every contact that matched at its start and still matches at
    /// its end exactly once, while its own reader or another client writes, also with Qomon's lagging search index.
    /// </summary>
    public sealed class ContactPagerWritesTests
    {
        private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
        private static readonly TimeSpan BetweenPages = TimeSpan.FromMilliseconds(700);

        [Theory]
        [InlineData(0)]
        [InlineData(2000)]
        public async Task EveryContactIsReturnedOnceWhileTheReadTagsEachContactItReturns(int indexDelayMs)
        {
            await using var scenario = await PagerScenario.StartAsync(indexDelayMs);
            var created = await scenario.CreateAsync("Lyon", 750, Millisecond);
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Lyon"), All = true });

            var returned = await PagerScenario.ReadAllAsync(pager, async (ids, _) =>
            {
                foreach (var id in ids) await scenario.TagAsync(id, "canvass");
                scenario.Clock.Advance(BetweenPages);
            });

            Assert.Equal(200, pager.PageSize);
            Assert.Equal(returned.Count, returned.Distinct().Count());
            Assert.Equal(created.OrderBy(i => i), returned.OrderBy(i => i));
            Assert.Equal(750, scenario.Tagged("canvass").Count);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(2000)]
        public async Task EveryContactIsReturnedOnceWhileAnotherClientEditsContactsReadAndNotYetRead(int indexDelayMs)
        {
            await using var scenario = await PagerScenario.StartAsync(indexDelayMs);
            var created = await scenario.CreateAsync("Nantes", 750, Millisecond);
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Nantes"), All = true });
            var edited = 0;
            var read = new HashSet<long>();

            var returned = await PagerScenario.ReadAllAsync(pager, async (ids, page) =>
            {
                read.UnionWith(ids);
                if (page < 2)
                {
                    // Every third contact not read yet moves to the end (the pages still to come shift back), and
                    // every tenth one of this page moves there too (it comes round again).
                    foreach (var id in created.Where(i => !read.Contains(i)).Where((_, n) => n % 3 == 0).Take(120)) { await scenario.EditAsync(id, "+33 6 00 00 00 " + page); edited++; }
                    foreach (var id in ids.Where((_, n) => n % 10 == 0)) { await scenario.EditAsync(id, "+33 6 11 11 11 " + page); edited++; }
                }
                scenario.Clock.Advance(BetweenPages);
            });

            Assert.True(edited > 200);
            Assert.Equal(returned.Count, returned.Distinct().Count());
            Assert.Equal(created.OrderBy(i => i), returned.OrderBy(i => i));
        }

        [Fact]
        public async Task AContactCreatedDuringTheReadIsReturnedToo()
        {
            await using var scenario = await PagerScenario.StartAsync();
            var created = await scenario.CreateAsync("Lille", 450, Millisecond);
            var pager = new ContactPager(scenario.Client, new ContactPagerOptions { Query = PagerScenario.CityQuery("Lille"), All = true });
            var late = new List<long>();

            var returned = await PagerScenario.ReadAllAsync(pager, async (_, page) =>
            {
                if (page == 0) late.AddRange(await scenario.CreateAsync("Lille", 3, Millisecond));
            });

            Assert.Equal(created.Concat(late).OrderBy(i => i), returned.OrderBy(i => i));
        }
    }
}
