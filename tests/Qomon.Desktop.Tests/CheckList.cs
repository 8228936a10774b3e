using System;
using System.Threading.Tasks;

namespace Qomon.Desktop.Tests
{
    /// <summary>Runs named checks, prints PASS or FAIL with the reason, and counts them.</summary>
    public sealed class CheckList
    {
        public int Passed { get; private set; }
        public int Failed { get; private set; }

        public void Check(string name, Func<Task> check)
        {
            try
            {
                check().GetAwaiter().GetResult();
                Passed++;
                Console.WriteLine("PASS " + name);
            }
            catch (Exception ex)
            {
                Failed++;
                Console.WriteLine("FAIL " + name + ": " + ex);
            }
        }

        public void Check(string name, Action check) => Check(name, () => { check(); return Task.CompletedTask; });

        public static void That(bool condition, string failure)
        {
            if (!condition) throw new CheckFailedException(failure);
        }
    }

    public sealed class CheckFailedException : Exception
    {
        public CheckFailedException(string message) : base(message) { }
    }
}
