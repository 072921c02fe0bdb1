// Bounded multi-producer, single-consumer queue of pointers (Vyukov's array
// queue with per-cell sequence numbers). try_push never blocks and never
// allocates: when full it returns false and the caller drops and counts.
// Capacity is rounded up to a power of two. One CAS per push; the single
// consumer pops without atomics read-modify-write.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace parley::tracing::detail {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t min_capacity) {
    std::size_t capacity = 2;
    while (capacity < min_capacity) capacity <<= 1;
    mask_ = capacity - 1;
    cells_ = std::make_unique<Cell[]>(capacity);
    for (std::size_t i = 0; i < capacity; ++i) cells_[i].sequence.store(i, std::memory_order_relaxed);
  }

  bool try_push(T* value) noexcept {
    std::size_t position = enqueue_.load(std::memory_order_relaxed);
    Cell* cell;
    for (;;) {
      cell = &cells_[position & mask_];
      const std::size_t sequence = cell->sequence.load(std::memory_order_acquire);
      const auto difference = static_cast<std::intptr_t>(sequence) - static_cast<std::intptr_t>(position);
      if (difference == 0) {
        if (enqueue_.compare_exchange_weak(position, position + 1, std::memory_order_relaxed)) break;
      } else if (difference < 0) {
        return false;  // full
      } else {
        position = enqueue_.load(std::memory_order_relaxed);
      }
    }
    cell->value = value;
    cell->sequence.store(position + 1, std::memory_order_release);
    return true;
  }

  // Consumer only.
  T* try_pop() noexcept {
    const std::size_t position = dequeue_.load(std::memory_order_relaxed);
    Cell& cell = cells_[position & mask_];
    const std::size_t sequence = cell.sequence.load(std::memory_order_acquire);
    if (static_cast<std::intptr_t>(sequence) - static_cast<std::intptr_t>(position + 1) < 0) return nullptr;
    T* value = cell.value;
    cell.sequence.store(position + mask_ + 1, std::memory_order_release);
    dequeue_.store(position + 1, std::memory_order_relaxed);
    return value;
  }

  std::size_t size() const noexcept {
    const std::size_t tail = enqueue_.load(std::memory_order_relaxed);
    const std::size_t head = dequeue_.load(std::memory_order_relaxed);
    return tail > head ? tail - head : 0;
  }
  std::size_t capacity() const noexcept { return mask_ + 1; }
  // Number of pushes claimed so far (flush watermark).
  std::size_t pushed() const noexcept { return enqueue_.load(std::memory_order_acquire); }
  std::size_t popped() const noexcept { return dequeue_.load(std::memory_order_acquire); }

 private:
  struct Cell {
    std::atomic<std::size_t> sequence{0};
    T* value = nullptr;
  };
  std::unique_ptr<Cell[]> cells_;
  std::size_t mask_ = 0;
  alignas(64) std::atomic<std::size_t> enqueue_{0};
  alignas(64) std::atomic<std::size_t> dequeue_{0};
};

}  // namespace parley::tracing::detail
