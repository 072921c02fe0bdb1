#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/span_record.h"
#include "parley/tracing/provider.h"
#include "parley/tracing/tracer.h"
#include "processing/bounded_queue.h"
#include "support/recording_exporter.h"

namespace parley::tracing {
namespace {

TEST(BoundedQueue, DropsWhenFullAndKeepsOrder) {
  detail::BoundedQueue<int> queue(4);
  int values[6] = {0, 1, 2, 3, 4, 5};
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(queue.try_push(&values[i]));
  EXPECT_FALSE(queue.try_push(&values[4]));
  EXPECT_EQ(queue.size(), 4u);
  EXPECT_EQ(*queue.try_pop(), 0);
  EXPECT_TRUE(queue.try_push(&values[5]));
  EXPECT_EQ(*queue.try_pop(), 1);
  EXPECT_EQ(*queue.try_pop(), 2);
  EXPECT_EQ(*queue.try_pop(), 3);
  EXPECT_EQ(*queue.try_pop(), 5);
  EXPECT_EQ(queue.try_pop(), nullptr);
}

TEST(BoundedQueue, ManyProducersLoseNothingBelowCapacity) {
  detail::BoundedQueue<int> queue(1 << 16);
  static int value = 7;
  std::vector<std::thread> producers;
  for (int t = 0; t < 4; ++t) {
    producers.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) ASSERT_TRUE(queue.try_push(&value));
    });
  }
  for (auto& producer : producers) producer.join();
  int popped = 0;
  while (queue.try_pop() != nullptr) ++popped;
  EXPECT_EQ(popped, 40000);
}

// An exporter that blocks until released, to hold the export thread.
class GateExporter final : public SpanExporter {
 public:
  struct Gate {
    std::mutex mutex;
    std::condition_variable cv;
    bool open = false;
    bool entered = false;
    std::atomic<int> exported{0};
  };
  explicit GateExporter(std::shared_ptr<Gate> gate) : gate_(std::move(gate)) {}
  std::string_view name() const noexcept override { return "gate"; }
  ExportResult export_spans(std::span<const SpanData* const> batch, const Resource&) noexcept override {
    std::unique_lock lock(gate_->mutex);
    gate_->entered = true;
    gate_->cv.notify_all();
    gate_->cv.wait(lock, [&] { return gate_->open; });
    gate_->exported += static_cast<int>(batch.size());
    return ExportResult::success;
  }
  void interrupt() noexcept override {
    std::lock_guard lock(gate_->mutex);
    gate_->open = true;
    gate_->cv.notify_all();
  }

 private:
  std::shared_ptr<Gate> gate_;
};

TEST(BatchProcessor, FullQueueDropsAndCountsWithoutBlocking) {
  auto gate = std::make_shared<GateExporter::Gate>();
  auto config = testing::always_on_config();
  config.max_queue_size = 8;
  config.batch_size = 1;
  std::vector<std::unique_ptr<SpanExporter>> exporters;
  exporters.push_back(std::make_unique<GateExporter>(gate));
  ASSERT_TRUE(init(config, std::move(exporters)));
  const auto before = stats().dropped_queue_full;
  auto& tracer = get_tracer("queue");
  tracer.start_span("first");
  {
    std::unique_lock lock(gate->mutex);
    gate->cv.wait(lock, [&] { return gate->entered; });  // the export thread is now held
  }
  for (int i = 0; i < 20; ++i) tracer.start_span("filler");
  EXPECT_EQ(stats().dropped_queue_full - before, 12u);  // 8 fit in the queue
  {
    std::lock_guard lock(gate->mutex);
    gate->open = true;
    gate->cv.notify_all();
  }
  EXPECT_TRUE(force_flush());
  EXPECT_EQ(gate->exported.load(), 9);
  shutdown();
}

TEST(BatchProcessor, ForceFlushReturnsFalseWhenTheDeadlinePasses) {
  auto gate = std::make_shared<GateExporter::Gate>();
  std::vector<std::unique_ptr<SpanExporter>> exporters;
  exporters.push_back(std::make_unique<GateExporter>(gate));
  ASSERT_TRUE(init(testing::always_on_config(), std::move(exporters)));
  get_tracer("flush").start_span("held");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(force_flush(std::chrono::milliseconds(100)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(shutdown(std::chrono::seconds(2)));  // interrupt opened the gate
}

TEST(BatchProcessor, ShutdownFlushesEverythingQueued) {
  auto recorded = testing::start_recording(testing::always_on_config());
  set_batch_timeout(std::chrono::hours(1));
  set_batch_size(100000);
  for (int i = 0; i < 1000; ++i) get_tracer("shutdown").start_span("queued");
  EXPECT_TRUE(shutdown());
  std::lock_guard lock(recorded->mutex);
  EXPECT_EQ(recorded->spans.size(), 1000u);
}

TEST(BatchProcessor, ExportsWhenABatchFillsUp) {
  auto config = testing::always_on_config();
  config.batch_timeout = std::chrono::hours(1);
  config.batch_size = 10;
  auto recorded = testing::start_recording(config);
  for (int i = 0; i < 10; ++i) get_tracer("batch").start_span("s");
  // No flush: the full batch alone must wake the export thread.
  for (int spin = 0; spin < 500; ++spin) {
    {
      std::lock_guard lock(recorded->mutex);
      if (recorded->spans.size() == 10) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  {
    std::lock_guard lock(recorded->mutex);
    EXPECT_EQ(recorded->spans.size(), 10u);
    EXPECT_EQ(recorded->batches, 1u);
  }
  shutdown();
}

TEST(BatchProcessor, SpanFilterAndMinimumDurationDropAndCount) {
  auto config = testing::always_on_config();
  config.min_span_duration = std::chrono::milliseconds(100);
  auto recorded = testing::start_recording(config);
  const auto filtered_before = stats().dropped_filtered;
  set_span_filter([](const SpanData& span) { return span.name() != "noisy"; });
  auto& tracer = get_tracer("filter");
  tracer.start_span("fast");  // under 100 ms
  StartOptions old;
  old.start_time = std::chrono::system_clock::now() - std::chrono::milliseconds(500);
  tracer.start_span("slow", old);
  tracer.start_span("noisy", old);
  ASSERT_TRUE(force_flush());
  {
    std::lock_guard lock(recorded->mutex);
    ASSERT_EQ(recorded->spans.size(), 1u);
    EXPECT_EQ(recorded->spans[0].name, "slow");
  }
  EXPECT_EQ(stats().dropped_filtered - filtered_before, 2u);
  shutdown();
}

TEST(BatchProcessor, CountersTrackStartedSampledExported) {
  auto recorded = testing::start_recording(testing::always_on_config());
  const auto before = stats();
  for (int i = 0; i < 50; ++i) get_tracer("count").start_span("c");
  ASSERT_TRUE(force_flush());
  const auto after = stats();
  EXPECT_EQ(after.spans_started - before.spans_started, 50u);
  EXPECT_EQ(after.spans_sampled - before.spans_sampled, 50u);
  EXPECT_EQ(after.spans_exported, 50u);  // per pipeline
  ASSERT_EQ(after.exporters.size(), 1u);
  EXPECT_EQ(after.exporters[0].first, "recording");
  shutdown();
}

TEST(BatchProcessor, ConcurrentProducersAndShutdownAreSafe) {
  auto recorded = testing::start_recording(testing::always_on_config());
  std::atomic<bool> stop{false};
  std::vector<std::thread> producers;
  for (int t = 0; t < 3; ++t) {
    producers.emplace_back([&] {
      auto& tracer = get_tracer("race");
      while (!stop.load()) {
        auto parent = tracer.start_as_current_span("parent");
        parent.set_attribute("k", "v");
        auto child = tracer.start_span("child");
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_TRUE(shutdown());
  stop = true;
  for (auto& producer : producers) producer.join();
}

}  // namespace
}  // namespace parley::tracing
